import type { Db } from "@mss/db/client";
import { findUnfinishedSpoolIds } from "@mss/domain/delivery/deliver-spooled-message";
import { enqueueMailboxPublication, type TPublishMailboxJob } from "@mss/domain/jobs/publication-queue";
import { enqueueSpoolDelivery, type RetryPolicy, type TSpoolJob } from "@mss/domain/jobs/spool-queue";
import { findPendingPublicationIds } from "@mss/domain/publication/publish-mailbox";
import type { Queue } from "bullmq";
import type { Logger } from "pino";

/**
 * Redis is never the only copy: every row with work left gets its job back under its own id
 * (a no-op while the job still exists). Returns the ids enqueued; never throws, so a periodic
 * timer can call it.
 */
async function reEnqueue({
  what,
  findIds,
  enqueue,
  logger,
}: {
  what: string;
  findIds: () => Promise<string[]>;
  enqueue: (id: string) => Promise<void>;
  logger: Logger;
}): Promise<string[]> {
  try {
    const ids = await findIds();
    for (const id of ids) await enqueue(id);
    if (ids.length > 0) logger.info({ count: ids.length }, `reconciled ${what}`);
    return ids;
  } catch (error) {
    logger.error({ err: error }, `reconcile of ${what} failed`);
    return [];
  }
}

interface ReconcileOptions<TJob> {
  db: Db;
  queue: Queue<TJob>;
  retry: RetryPolicy;
  logger: Logger;
  limit?: number;
}

/** Spool rows with recipients still pending or deferred, or a Sent copy still missing. */
export function reconcileSpool({ db, queue, retry, logger, limit = 1000 }: ReconcileOptions<TSpoolJob>): Promise<string[]> {
  return reEnqueue({
    what: "unfinished spool rows",
    findIds: () => findUnfinishedSpoolIds({ db, limit }),
    enqueue: (id) => enqueueSpoolDelivery(queue, id, retry),
    logger,
  });
}

/** Mailbox publications still pending (their `publish-mailbox` job may have been lost). */
export function reconcilePublications({ db, queue, retry, logger, limit = 1000 }: ReconcileOptions<TPublishMailboxJob>): Promise<string[]> {
  return reEnqueue({
    what: "pending mailbox publications",
    findIds: () => findPendingPublicationIds({ db, limit }),
    enqueue: (id) => enqueueMailboxPublication(queue, id, retry),
    logger,
  });
}
