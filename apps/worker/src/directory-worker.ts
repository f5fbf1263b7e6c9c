import { DIRECTORY_QUEUE, type TDirectorySyncJob } from "@mss/domain/jobs/directory-sync-queue";
import { type QueueConfig, queueConnection } from "@mss/domain/jobs/spool-queue";
import { Worker } from "bullmq";
import { createDirectorySyncProcessor, type DirectorySyncDeps } from "./processors/directory-sync";

/** The worker of the directory queue: one sync at a time, as main.ts runs it. */
export function createDirectoryWorker({ sync, queue }: { sync: DirectorySyncDeps; queue: QueueConfig }): Worker<TDirectorySyncJob> {
  const worker = new Worker<TDirectorySyncJob>(DIRECTORY_QUEUE, createDirectorySyncProcessor(sync), {
    connection: queueConnection(queue),
    prefix: queue.prefix,
    concurrency: 1,
    // A sync of the whole country takes about a minute; its lock must outlive a slow phase.
    lockDuration: 5 * 60_000,
  });
  worker.on("failed", (job, error) => sync.logger.warn({ jobId: job?.id, err: error.message }, "directory sync failed"));
  worker.on("error", (error) => sync.logger.error({ err: error }, "directory worker error"));
  return worker;
}
