import type { Db } from "@mss/db/client";
import type { Prisma } from "@mss/db/types";

export type AuditAction =
  | "account.totp-enrolled"
  | "mailbox.create"
  | "mailbox.update"
  | "mailbox.close"
  | "mailbox.publication-retry"
  | "mailbox.delegate-access"
  | "message.send"
  | "directory.sync";

/** The one way to write the audit trail: every admin act and every access to someone else's mailbox. */
export async function recordAuditEvent({
  db,
  tenantId,
  actorAccountId,
  action,
  objectType,
  objectId,
  before,
  after,
}: {
  db: Db | Prisma.TransactionClient;
  tenantId: string | null;
  actorAccountId: string | null;
  action: AuditAction;
  objectType: string;
  objectId: string | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}): Promise<void> {
  await db.auditEvent.create({ data: { tenantId, actorAccountId, action, objectType, objectId, before, after } });
}
