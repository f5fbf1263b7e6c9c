import { Queue } from "bullmq";
import { z } from "zod";
import { type QueueConfig, queueConnection, type RetryPolicy, retriedJobOptions } from "./spool-queue";

/**
 * Mailbox changes on their way to the national directory. The job id is the publication id,
 * so the web app and the reconciler may both enqueue the same row.
 */
export const PUBLICATION_QUEUE = "publication";
export const PUBLISH_MAILBOX_JOB = "publish-mailbox";

export const ZPublishMailboxJob = z.object({ publicationId: z.uuid() });
export type TPublishMailboxJob = z.infer<typeof ZPublishMailboxJob>;

/** About 2 h of retries (30 s doubling, 8 attempts) before a publication is marked failed. */
export const DEFAULT_PUBLICATION_RETRY: RetryPolicy = { attempts: 8, backoffMs: 30_000 };

export function createPublicationQueue(config: QueueConfig): Queue<TPublishMailboxJob> {
  return new Queue<TPublishMailboxJob>(PUBLICATION_QUEUE, { connection: queueConnection(config), prefix: config.prefix });
}

export async function enqueueMailboxPublication(
  queue: Queue<TPublishMailboxJob>,
  publicationId: string,
  retry: RetryPolicy = DEFAULT_PUBLICATION_RETRY,
): Promise<void> {
  // A finished job keeps its id for days; a publication retried by the admin (or reset by the
  // reconciler) needs a fresh job under the same id.
  const existing = await queue.getJob(publicationId);
  if (existing) {
    const state = await existing.getState();
    if (state !== "completed" && state !== "failed") return;
    await existing.remove();
  }
  await queue.add(PUBLISH_MAILBOX_JOB, { publicationId }, retriedJobOptions(publicationId, retry));
}
