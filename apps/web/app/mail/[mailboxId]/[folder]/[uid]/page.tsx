import { readMessage } from "@mss/domain/message/read-message";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MailShell } from "@/components/mail-shell";
import { formatDateTime, formatSize } from "@/lib/format";
import { loadMailContext, parseFolder } from "@/lib/mail-context";
import { getDb, getImapConfig } from "@/lib/services";

export const metadata: Metadata = { title: "Message" };

const formatAddresses = (list: Array<{ name: string; address: string }>) => list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(", ");

export default async function MessagePage({ params }: { params: Promise<{ mailboxId: string; folder: string; uid: string }> }) {
  const { mailboxId, folder: folderParam, uid: uidParam } = await params;
  const folder = parseFolder(folderParam);
  const uid = Number(uidParam);
  if (!Number.isInteger(uid) || uid <= 0) notFound();
  const context = await loadMailContext(mailboxId);
  const message = await readMessage({ db: getDb(), imap: getImapConfig(), actor: context.actor, mailboxId, folder, uid });
  const canSend = context.current.rights.includes("send");

  return (
    <MailShell {...context} folder={folder}>
      <article aria-labelledby="message-subject" className="rounded border border-slate-200 bg-white p-6">
        <h1 id="message-subject" className="text-xl font-bold">
          {message.subject || "(sans objet)"}
        </h1>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-600">De</dt>
          <dd>{formatAddresses(message.from)}</dd>
          <dt className="text-slate-600">À</dt>
          <dd>{formatAddresses(message.to)}</dd>
          {message.cc.length > 0 && (
            <>
              <dt className="text-slate-600">Cc</dt>
              <dd>{formatAddresses(message.cc)}</dd>
            </>
          )}
          <dt className="text-slate-600">Date</dt>
          <dd>{formatDateTime(message.date)}</dd>
        </dl>
        {canSend && (
          <div className="mt-4 flex gap-2">
            <Link
              href={`/mail/${mailboxId}/compose?reply=${folder}/${uid}`}
              className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark"
            >
              Répondre
            </Link>
          </div>
        )}
        <hr className="my-4 border-slate-200" />
        {message.safeHtml ? (
          // Sanitised by sanitizeMailHtml (no script, handler, remote resource or form).
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is sanitised server-side
          <div className="mail-html max-w-none" dangerouslySetInnerHTML={{ __html: message.safeHtml }} />
        ) : (
          <pre className="font-sans whitespace-pre-wrap">{message.text}</pre>
        )}
        {message.attachments.length > 0 && (
          <section aria-label="Pièces jointes" className="mt-6">
            <h2 className="text-sm font-semibold">Pièces jointes</h2>
            <ul className="mt-1 text-sm">
              {message.attachments.map((a, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: attachments have no stable id
                <li key={i}>
                  {a.filename} ({formatSize(a.size)})
                </li>
              ))}
            </ul>
          </section>
        )}
      </article>
    </MailShell>
  );
}
