import type { Db } from "@mss/db/client";
import { type Actor, assertTenantAdmin } from "../actor/actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors/app-error";
import { getPublishableMailbox, recordMailboxPublications } from "../publication/record-mailbox-publications";

/**
 * A tenant admin closes a mailbox: Dovecot stops serving it at once (its views only expose
 * active mailboxes), the MX refuses mail for it, and its removal from the national directory is
 * recorded in the same transaction (a delete, if it was listed). Audited. Closing is final here:
 * the address stays taken.
 */
export async function closeMailbox({
  db,
  actor,
  tenantId,
  mailboxId,
  enqueuePublication,
}: {
  db: Db;
  actor: Actor;
  tenantId: string;
  mailboxId: string;
  enqueuePublication?: (publicationId: string) => Promise<void>;
}): Promise<{ address: string; publicationIds: string[] }> {
  assertTenantAdmin(actor, tenantId);
  const result = await db.$transaction(async (tx) => {
    const before = await getPublishableMailbox({ db: tx, tenantId, mailboxId });
    if (!before) throw new AppError("NOT_FOUND", "Boîte aux lettres introuvable.");
    if (before.status === "closed") throw new AppError("CONFLICT", `La boîte ${before.address} est déjà fermée.`);
    // Conditional on the status read above: two admins closing at once write one audit event.
    const updated = await tx.mailbox.updateMany({ where: { id: mailboxId, tenantId, status: before.status }, data: { status: "closed" } });
    if (updated.count === 0) throw new AppError("CONFLICT", "La boîte a changé entre-temps ; rechargez la page.");
    await recordAuditEvent({
      db: tx,
      tenantId,
      actorAccountId: actor.accountId,
      action: "mailbox.close",
      objectType: "mailbox",
      objectId: mailboxId,
      before: { address: before.address, status: before.status },
      after: { address: before.address, status: "closed" },
    });
    const publicationIds = await recordMailboxPublications({ db: tx, tenantId, mailboxId, before });
    return { address: before.address, publicationIds };
  });
  // The reconciler re-enqueues pending publications if Redis is unreachable now.
  for (const id of result.publicationIds) await enqueuePublication?.(id).catch(() => undefined);
  return result;
}
