import type { Db } from "@mss/db/client";
import { buildMessage } from "@mss/mail/mime/build-message";
import { z } from "zod";
import type { Actor } from "../actor/actor";
import { LIMITS } from "../config/limits";
import { AppError } from "../errors/app-error";
import { domainOf, ZMailAddress } from "../mailbox/address";
import { getHostedRecipient } from "../mailbox/get-hosted-recipient";
import { getMailboxAccessOrThrow } from "../mailbox/get-mailbox-access-or-throw";
import { spoolMessage } from "../spool/spool-message";
import { isDomainWhitelisted } from "../trust/find-listed-dns";

const ZAddressList = z
  .string()
  .transform((s) => s.split(/[,;\s]+/).map((a) => a.trim()).filter(Boolean))
  .pipe(z.array(ZMailAddress).max(LIMITS.maxRecipientsPerMessage, "Trop de destinataires"));

export const ZSendMessageInput = z.object({
  mailboxId: z.uuid(),
  to: ZAddressList.refine((list) => list.length > 0, "Indiquez au moins un destinataire"),
  cc: ZAddressList.default([]),
  subject: z.string().trim().max(998).default(""),
  text: z.string().max(LIMITS.maxMessageBytes),
  inReplyTo: z.string().max(998).optional(),
  references: z.array(z.string().max(998)).max(100).default([]),
});
export type TSendMessageInput = z.input<typeof ZSendMessageInput>;

/**
 * Sends from a mailbox the actor owns or may send for. Every recipient must be a mailbox
 * hosted here or belong to a whitelisted domain; otherwise nothing is sent and the user is
 * told which address is refused and why. The message is in the spool when this returns.
 */
export async function sendMessage({
  db,
  actor,
  input,
  enqueue,
}: {
  db: Db;
  actor: Actor;
  input: TSendMessageInput;
  enqueue: (spoolId: string) => Promise<void>;
}): Promise<{ spoolId: string; messageId: string }> {
  const parsed = ZSendMessageInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError("INVALID_INPUT", parsed.error.issues.map((i) => i.message).join(" · "));
  }
  const { mailboxId, to, cc, subject, text, inReplyTo, references } = parsed.data;
  const mailbox = await getMailboxAccessOrThrow({ db, actor, mailboxId, right: "send", purpose: "send" });

  const recipients = [...new Set([...to, ...cc])];
  const classified = [];
  for (const address of recipients) {
    const hosted = await getHostedRecipient({ db, address });
    if (hosted.isDomainHosted) {
      if (hosted.mailbox?.status !== "active") {
        throw new AppError("MAILBOX_UNAVAILABLE", `L'adresse ${address} n'existe pas ou n'est plus active.`);
      }
      classified.push({ address, isLocal: true, tenantId: hosted.mailbox.tenantId });
    } else if (await isDomainWhitelisted({ db, domain: domainOf(address) })) {
      classified.push({ address, isLocal: false, tenantId: null });
    } else {
      throw new AppError(
        "RECIPIENT_OUTSIDE_TRUST_SPACE",
        `${address} n'appartient pas à l'espace de confiance MSSanté : le domaine ${domainOf(address)} ne figure pas dans la liste blanche nationale. Le message n'a pas été envoyé.`,
      );
    }
  }

  const { raw, messageId } = await buildMessage({
    from: { name: mailbox.displayName, address: mailbox.address },
    to,
    cc,
    subject,
    text,
    inReplyTo: inReplyTo ?? null,
    references,
    messageIdDomain: domainOf(mailbox.address),
  });
  const { spoolId } = await spoolMessage({
    db,
    input: {
      direction: "outbound",
      tenantId: mailbox.tenantId,
      mailFrom: mailbox.address,
      messageId,
      raw,
      recipients: classified,
      submittedByAccountId: actor.accountId,
      fromMailboxId: mailbox.id,
    },
  });
  // Spooled: the reconciler re-enqueues it if Redis is unavailable right now.
  await enqueue(spoolId).catch(() => undefined);
  return { spoolId, messageId };
}
