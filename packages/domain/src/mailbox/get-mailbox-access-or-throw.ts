import type { Db } from "@mss/db/client";
import type { AccessRight } from "@mss/db/types";
import type { Actor } from "../actor/actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors/app-error";
import { type AccessibleMailbox, findAccessibleMailboxes } from "./find-accessible-mailboxes";

/**
 * The gate in front of every mailbox operation: the actor must own the mailbox or hold the
 * right by delegation. A delegate's access is written to the audit trail (the owner and the
 * tenant admins can see who opened the mailbox).
 */
export async function getMailboxAccessOrThrow({
  db,
  actor,
  mailboxId,
  right,
  purpose,
}: {
  db: Db;
  actor: Actor;
  mailboxId: string;
  right: AccessRight;
  purpose: string;
}): Promise<AccessibleMailbox> {
  const mailbox = (await findAccessibleMailboxes({ db, actor })).find((m) => m.id === mailboxId);
  if (!mailbox || !mailbox.rights.includes(right)) {
    throw new AppError("FORBIDDEN", "Vous n'avez pas accès à cette boîte aux lettres.", {
      internalMessage: `account ${actor.accountId} lacks ${right} on mailbox ${mailboxId}`,
    });
  }
  if (!mailbox.isOwner) {
    await recordAuditEvent({
      db,
      tenantId: mailbox.tenantId,
      actorAccountId: actor.accountId,
      action: "mailbox.delegate-access",
      objectType: "mailbox",
      objectId: mailbox.id,
      after: { right, purpose },
    });
  }
  return mailbox;
}
