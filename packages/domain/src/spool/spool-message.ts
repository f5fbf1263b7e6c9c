import type { Db } from "@mss/db/client";

export interface SpoolRecipientInput {
  address: string;
  isLocal: boolean;
  tenantId: string | null;
}

export interface SpoolMessageInput {
  direction: "inbound" | "outbound";
  tenantId: string | null;
  mailFrom: string;
  messageId: string | null;
  raw: Buffer;
  recipients: SpoolRecipientInput[];
  clientAddress?: string | null;
  peerCertificateDn?: string | null;
  tlsProtocol?: string | null;
  submittedByAccountId?: string | null;
  fromMailboxId?: string | null;
}

/**
 * Commits a message and its recipients to the spool in one transaction. Callers answer
 * "accepted" (SMTP 250, or "sent" in the webmail) only after this resolves: from then on the
 * message survives any process crash and a Redis wipe.
 */
export async function spoolMessage({ db, input }: { db: Db; input: SpoolMessageInput }): Promise<{ spoolId: string }> {
  const spool = await db.spooledMessage.create({
    data: {
      direction: input.direction,
      tenantId: input.tenantId,
      mailFrom: input.mailFrom,
      messageId: input.messageId,
      sizeBytes: input.raw.length,
      raw: new Uint8Array(input.raw),
      clientAddress: input.clientAddress ?? null,
      peerCertificateDn: input.peerCertificateDn ?? null,
      tlsProtocol: input.tlsProtocol ?? null,
      submittedByAccountId: input.submittedByAccountId ?? null,
      fromMailboxId: input.fromMailboxId ?? null,
      recipients: {
        create: input.recipients.map((r) => ({ address: r.address, isLocal: r.isLocal, tenantId: r.tenantId })),
      },
    },
    select: { id: true },
  });
  return { spoolId: spool.id };
}
