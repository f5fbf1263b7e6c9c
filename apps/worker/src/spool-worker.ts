import { expireDeferredRecipients } from "@mss/domain/delivery/deliver-spooled-message";
import { type QueueConfig, queueConnection, SPOOL_QUEUE, type TSpoolJob } from "@mss/domain/jobs/spool-queue";
import { Worker } from "bullmq";
import { createDeliverProcessor, type DeliverDeps } from "./processors/deliver";

/**
 * The BullMQ worker of the spool queue, as main.ts runs it (tests start the same one): after
 * the last attempt, recipients still deferred become failed.
 */
export function createSpoolWorker({ deliver, queue, concurrency }: { deliver: DeliverDeps; queue: QueueConfig; concurrency: number }): Worker<TSpoolJob> {
  const { db, logger } = deliver;
  const worker = new Worker<TSpoolJob>(SPOOL_QUEUE, createDeliverProcessor(deliver), {
    connection: queueConnection(queue),
    prefix: queue.prefix,
    concurrency,
  });
  worker.on("failed", async (job, error) => {
    if (!job) return;
    const isLastAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
    logger.warn({ jobId: job.id, attempt: job.attemptsMade, isLastAttempt, err: error.message }, "delivery attempt failed");
    if (!isLastAttempt) return;
    // An event handler: a rejection here would be unhandled and stop the process.
    await expireDeferredRecipients({ db, spoolId: String(job.data.spoolId) }).catch((err) =>
      logger.error({ err, jobId: job.id }, "could not mark expired recipients as failed"),
    );
  });
  worker.on("error", (error) => logger.error({ err: error }, "worker error"));
  return worker;
}
