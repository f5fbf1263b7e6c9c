import type { Db } from "@mss/db/client";
import { type Actor, assertTenantAdmin } from "../actor/actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors/app-error";

/**
 * A tenant admin sends a failed publication again (after fixing the directory side, or when
 * the directory is back). Only the latest publication of a mailbox may be retried: an older
 * one would undo what came after it. Audited; the caller's `enqueue` runs after the commit.
 */
export async function retryMailboxPublication({
  db,
  actor,
  tenantId,
  publicationId,
  enqueue,
}: {
  db: Db;
  actor: Actor;
  tenantId: string;
  publicationId: string;
  enqueue: (publicationId: string) => Promise<void>;
}): Promise<void> {
  assertTenantAdmin(actor, tenantId);
  const publication = await db.mailboxPublication.findFirst({ where: { id: publicationId, tenantId } });
  if (!publication) throw new AppError("NOT_FOUND", "Publication introuvable.");
  if (publication.status !== "failed") throw new AppError("CONFLICT", "Seule une publication en échec peut être relancée.");
  if (!publication.payload) throw new AppError("CONFLICT", `${publication.lastError ?? "Publication impossible."} Corrigez la boîte avant de réessayer.`);
  const latest = await db.mailboxPublication.findFirst({
    where: { tenantId, mailboxId: publication.mailboxId, status: { not: "skipped" } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (latest?.id !== publication.id) throw new AppError("CONFLICT", "Une publication plus récente de cette boîte existe déjà.");

  await db.$transaction(async (tx) => {
    const updated = await tx.mailboxPublication.updateMany({ where: { id: publication.id, tenantId, status: "failed" }, data: { status: "pending", attempts: 0 } });
    if (updated.count === 0) throw new AppError("CONFLICT", "Cette publication a changé entre-temps ; rechargez la page.");
    await recordAuditEvent({
      db: tx,
      tenantId,
      actorAccountId: actor.accountId,
      action: "mailbox.publication-retry",
      objectType: "mailbox",
      objectId: publication.mailboxId,
      before: { publicationId: publication.id, status: "failed", lastError: publication.lastError },
      after: { publicationId: publication.id, status: "pending" },
    });
  });
  await enqueue(publication.id);
}
