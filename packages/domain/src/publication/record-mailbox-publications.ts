import type { Db } from "@mss/db/client";
import type { Prisma } from "@mss/db/types";
import { buildMailboxPatch, type PublishableMailbox } from "./build-mailbox-patch";
import { decidePublicationOperation, isListedInDirectory } from "./decide-publication-operation";

export const UNLISTED_REASON = "Liste rouge : la boîte n'est jamais publiée dans l'annuaire national.";

/** The mailbox as the publication builder sees it; tenant-scoped. */
export async function getPublishableMailbox({
  db,
  tenantId,
  mailboxId,
}: {
  db: Db | Prisma.TransactionClient;
  tenantId: string;
  mailboxId: string;
}): Promise<PublishableMailbox | null> {
  const row = await db.mailbox.findFirst({
    where: { id: mailboxId, tenantId },
    select: { address: true, type: true, status: true, displayName: true, isUnlisted: true, structureId: true, professional: { select: { nationalId: true } } },
  });
  if (!row) return null;
  const { professional, ...rest } = row;
  return { ...rest, nationalId: professional?.nationalId ?? null };
}

/**
 * Records what the national directory must be told after a mailbox was created or changed,
 * inside the caller's transaction (so a change and its publication commit together). Returns
 * the ids of the pending rows, to enqueue once the transaction has committed; a lost enqueue is
 * repaired by the worker's reconciler.
 */
export async function recordMailboxPublications({
  db,
  tenantId,
  mailboxId,
  before,
}: {
  db: Prisma.TransactionClient;
  tenantId: string;
  mailboxId: string;
  before: PublishableMailbox | null;
}): Promise<string[]> {
  const after = await getPublishableMailbox({ db, tenantId, mailboxId });
  if (!after) return [];
  const history = await db.mailboxPublication.findMany({
    where: { tenantId, mailboxId },
    orderBy: { createdAt: "desc" },
    select: { operation: true, status: true },
  });
  const pendingIds: string[] = [];
  // Rows of one mailbox are sent in createdAt order; a move (delete then insert) is two rows of
  // one transaction, whose now() would be equal, so each gets its own millisecond.
  const startedAt = Date.now();
  const decisions = decidePublicationOperation({ before, after, isListed: isListedInDirectory(history) });
  for (const [index, decision] of decisions.entries()) {
    const createdAt = new Date(startedAt + index);
    if (decision.kind === "none") continue;
    if (decision.kind === "skip-unlisted") {
      await db.mailboxPublication.create({ data: { tenantId, mailboxId, createdAt, operation: "insert", status: "skipped", lastError: UNLISTED_REASON } });
      continue;
    }
    const built = buildMailboxPatch({ mailbox: decision.mailbox, operation: decision.operation });
    const base = { tenantId, mailboxId, createdAt, operation: decision.operation };
    if (built.kind === "patch") {
      // A plain JSON tree by construction (ZMailboxPatch); Prisma's JSON input type wants an index signature.
      const payload = built.patch as unknown as Prisma.InputJsonObject;
      const row = await db.mailboxPublication.create({ data: { ...base, payload }, select: { id: true } });
      pendingIds.push(row.id);
    } else if (built.kind === "no-target") {
      // Nothing can be sent; failing at once shows the admin what to fix.
      await db.mailboxPublication.create({ data: { ...base, status: "failed", lastError: built.reason } });
    } else {
      await db.mailboxPublication.create({ data: { ...base, status: "skipped", lastError: UNLISTED_REASON } });
    }
  }
  return pendingIds;
}
