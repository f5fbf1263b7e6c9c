import type { Db } from "@mss/db/client";
import { findUnfinishedSpoolIds } from "@mss/domain/delivery/deliver-spooled-message";
import { enqueueSpoolDelivery, type RetryPolicy, type TSpoolJob } from "@mss/domain/jobs/spool-queue";
import type { Queue } from "bullmq";
import type { Logger } from "pino";

/**
 * Redis is never the only copy: every spool row with work left is re-enqueued under its own
 * id (a no-op when the job still exists). Returns the spool ids enqueued; never throws, so a
 * periodic timer can call it.
 */
export async function reconcileSpool({
  db,
  queue,
  retry,
  logger,
  limit = 1000,
}: {
  db: Db;
  queue: Queue<TSpoolJob>;
  retry: RetryPolicy;
  logger: Logger;
  limit?: number;
}): Promise<string[]> {
  try {
    const ids = await findUnfinishedSpoolIds({ db, limit });
    for (const id of ids) await enqueueSpoolDelivery(queue, id, retry);
    if (ids.length > 0) logger.info({ count: ids.length }, "reconciled unfinished spool rows");
    return ids;
  } catch (error) {
    logger.error({ err: error }, "reconcile failed");
    return [];
  }
}
