import { PUBLICATION_QUEUE, type TPublishMailboxJob } from "@mss/domain/jobs/publication-queue";
import { type QueueConfig, queueConnection } from "@mss/domain/jobs/spool-queue";
import { Worker } from "bullmq";
import { createPublishProcessor, type PublishDeps } from "./processors/publish";

/**
 * The BullMQ worker of the publication queue, as main.ts runs it (tests start the same one).
 * The processor itself marks a publication failed on its last attempt.
 */
export function createPublishWorker({ publish, queue, concurrency }: { publish: PublishDeps; queue: QueueConfig; concurrency: number }): Worker<TPublishMailboxJob> {
  const worker = new Worker<TPublishMailboxJob>(PUBLICATION_QUEUE, createPublishProcessor(publish), {
    connection: queueConnection(queue),
    prefix: queue.prefix,
    concurrency,
  });
  worker.on("failed", (job, error) => {
    if (job) publish.logger.warn({ jobId: job.id, attempt: job.attemptsMade, err: error.message }, "publication attempt failed");
  });
  worker.on("error", (error) => publish.logger.error({ err: error }, "publication worker error"));
  return worker;
}
