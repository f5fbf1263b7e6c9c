import { Queue } from "bullmq";
import { z } from "zod";
import { DIRECTORY_SYNC_KINDS } from "../directory/directory-sync-run";
import { ZDirectorySource } from "../directory/open-directory-source";
import { type QueueConfig, queueConnection } from "./spool-queue";

/**
 * The "directory" queue carries national-directory syncs, apart from the spool so a long sync
 * never delays mail. One job at a time (the worker's concurrency is 1, and the sync takes a
 * PostgreSQL advisory lock across workers). No retry: a refused file stays refused until the
 * next day's one, and the report says why.
 */
export const DIRECTORY_QUEUE = "directory";
export const DIRECTORY_SYNC_JOB = "directory-sync";
/** Id of the repeatable daily job, so that boots do not stack schedules. */
export const DIRECTORY_SCHEDULE_ID = "directory-sync-daily";

export const ZDirectorySyncJob = z.object({
  kind: z.enum(DIRECTORY_SYNC_KINDS),
  source: ZDirectorySource,
  /** Report row created when an operator asked for the sync; absent for scheduled runs. */
  syncId: z.uuid().optional(),
});
export type TDirectorySyncJob = z.infer<typeof ZDirectorySyncJob>;

export function createDirectoryQueue(config: QueueConfig): Queue<TDirectorySyncJob> {
  return new Queue<TDirectorySyncJob>(DIRECTORY_QUEUE, { connection: queueConnection(config), prefix: config.prefix });
}

const JOB_RETENTION = { removeOnComplete: { age: 7 * 24 * 3600, count: 100 }, removeOnFail: { age: 30 * 24 * 3600, count: 100 } };

export async function enqueueDirectorySync(queue: Queue<TDirectorySyncJob>, job: TDirectorySyncJob): Promise<void> {
  await queue.add(DIRECTORY_SYNC_JOB, ZDirectorySyncJob.parse(job), { jobId: job.syncId, attempts: 1, ...JOB_RETENTION });
}

/**
 * Installs (or replaces) the daily sync of the extract at `cron` (Europe/Paris), or removes it
 * when no source is configured: a dev machine without DIRECTORY_EXTRACT_URL downloads nothing.
 */
export async function scheduleDirectorySync(queue: Queue<TDirectorySyncJob>, { source, cron }: { source: string | undefined; cron: string }): Promise<void> {
  if (!source) {
    await queue.removeJobScheduler(DIRECTORY_SCHEDULE_ID);
    return;
  }
  await queue.upsertJobScheduler(
    DIRECTORY_SCHEDULE_ID,
    { pattern: cron, tz: "Europe/Paris" },
    { name: DIRECTORY_SYNC_JOB, data: ZDirectorySyncJob.parse({ kind: "mssante-extract", source }), opts: { attempts: 1, ...JOB_RETENTION } },
  );
}
