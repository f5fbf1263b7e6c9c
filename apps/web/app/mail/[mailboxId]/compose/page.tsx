import { readMessage } from "@mss/domain/message/read-message";
import type { Metadata } from "next";
import { MailShell } from "@/components/mail-shell";
import { formatDateTime } from "@/lib/format";
import { loadMailContext, parseFolder } from "@/lib/mail-context";
import { getDb, getImapConfig } from "@/lib/services";
import { type ComposeDefaults, ComposeForm } from "./compose-form";

export const metadata: Metadata = { title: "Nouveau message" };

export default async function ComposePage({
  params,
  searchParams,
}: {
  params: Promise<{ mailboxId: string }>;
  searchParams: Promise<{ reply?: string; to?: string }>;
}) {
  const { mailboxId } = await params;
  const { reply, to } = await searchParams;
  const context = await loadMailContext(mailboxId);
  let defaults: ComposeDefaults = { to: to ?? "", subject: "", text: "", inReplyTo: "", references: "" };
  let title = "Nouveau message";

  const [folderParam, uidParam] = reply?.split("/") ?? [];
  if (folderParam && /^[1-9]\d{0,9}$/.test(uidParam ?? "")) {
    const original = await readMessage({
      db: getDb(),
      imap: getImapConfig(),
      actor: context.actor,
      mailboxId,
      folder: parseFolder(folderParam),
      uid: Number(uidParam),
    });
    const sender = original.from[0];
    const quoted = original.text
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n");
    defaults = {
      to: sender?.address ?? "",
      subject: /^re:/i.test(original.subject) ? original.subject : `Re: ${original.subject}`,
      text: `\n\nLe ${formatDateTime(original.date)}, ${sender?.name || sender?.address || ""} a écrit :\n${quoted}`,
      inReplyTo: original.messageId ?? "",
      references: [...original.references, original.messageId].filter(Boolean).join(" "),
    };
    title = "Répondre";
  }

  return (
    <MailShell {...context} folder={null}>
      <h1 className="mb-4 text-xl font-bold">{title}</h1>
      {context.current.rights.includes("send") ? (
        <ComposeForm mailboxId={mailboxId} from={`${context.current.displayName} <${context.current.address}>`} defaults={defaults} />
      ) : (
        <p role="alert">Votre délégation sur cette boîte ne permet pas d'envoyer des messages.</p>
      )}
    </MailShell>
  );
}
