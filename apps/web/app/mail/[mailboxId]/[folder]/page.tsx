import { LIMITS } from "@mss/domain/config/limits";
import { listMessages } from "@mss/domain/message/list-messages";
import type { Metadata } from "next";
import Link from "next/link";
import { FOLDER_LABELS, MailShell } from "@/components/mail-shell";
import { formatListDate } from "@/lib/format";
import { loadMailContext, parseFolder } from "@/lib/mail-context";
import { getDb, getImapConfig } from "@/lib/services";

export const metadata: Metadata = { title: "Messages" };

export default async function FolderPage({
  params,
  searchParams,
}: {
  params: Promise<{ mailboxId: string; folder: string }>;
  searchParams: Promise<{ page?: string; sent?: string }>;
}) {
  const { mailboxId, folder: folderParam } = await params;
  const { page: pageParam, sent } = await searchParams;
  const folder = parseFolder(folderParam);
  const page = Math.max(1, Number(pageParam) || 1);
  const context = await loadMailContext(mailboxId);
  const { messages, total } = await listMessages({ db: getDb(), imap: getImapConfig(), actor: context.actor, mailboxId, folder, page });
  const isSentFolder = folder === "sent" || folder === "drafts";

  return (
    <MailShell {...context} folder={folder}>
      <div className="flex items-baseline justify-between">
        <h1 className="text-xl font-bold">{FOLDER_LABELS[folder]}</h1>
        <p className="text-sm text-slate-600">
          {total} message{total > 1 ? "s" : ""}
        </p>
      </div>
      {sent === "1" && (
        <p role="status" className="mt-3 rounded border border-success bg-green-50 p-3 text-sm text-success">
          Message envoyé. Il est en cours d'acheminement ; une copie est dans vos éléments envoyés.
        </p>
      )}
      {messages.length === 0 ? (
        <p className="mt-8 text-slate-600">Aucun message dans ce dossier.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded border border-slate-200 bg-white" aria-label={`Messages : ${FOLDER_LABELS[folder]}`}>
          {messages.map((message) => {
            const who = isSentFolder ? message.to.map((t) => t.name || t.address).join(", ") : message.from?.name || message.from?.address || "(expéditeur inconnu)";
            return (
              <li key={message.uid}>
                <Link
                  href={`/mail/${mailboxId}/${folder}/${message.uid}`}
                  className={`grid grid-cols-[1fr_auto] gap-x-4 px-4 py-3 hover:bg-slate-50 ${message.isSeen ? "" : "font-semibold"}`}
                >
                  <span className="truncate">
                    {!message.isSeen && <span className="sr-only">Non lu : </span>}
                    {who}
                  </span>
                  <time className="text-sm text-slate-600" dateTime={message.date?.toISOString()}>
                    {formatListDate(message.date)}
                  </time>
                  <span className="col-span-2 truncate text-sm text-slate-800">{message.subject || "(sans objet)"}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <nav aria-label="Pagination" className="mt-4 flex gap-4 text-sm">
        {page > 1 && <Link href={`/mail/${mailboxId}/${folder}?page=${page - 1}`}>← Plus récents</Link>}
        {page * LIMITS.webmailPageSize < total && <Link href={`/mail/${mailboxId}/${folder}?page=${page + 1}`}>Plus anciens →</Link>}
      </nav>
    </MailShell>
  );
}
