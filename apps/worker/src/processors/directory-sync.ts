import type { Db } from "@mss/db/client";
import { ingestRppsActivity } from "@mss/domain/directory/ingest-rpps-activity";
import { syncDirectory } from "@mss/domain/directory/sync-directory";
import { ZDirectorySyncJob } from "@mss/domain/jobs/directory-sync-queue";
import type { Job } from "bullmq";
import type { Logger } from "pino";

export interface DirectorySyncDeps {
  db: Db;
  databaseUrl: string;
  /** Server-side paths asked for from the console must lie in this directory. */
  importDir: string | undefined;
  maxRemovedRatio: number;
  logger: Logger;
}

/** BullMQ processor of the directory queue: thin, the rules are in syncDirectory / ingestRppsActivity. */
export function createDirectorySyncProcessor(deps: DirectorySyncDeps) {
  return async (job: Job) => {
    const { kind, source, syncId } = ZDirectorySyncJob.parse(job.data);
    const options = {
      db: deps.db,
      databaseUrl: deps.databaseUrl,
      source,
      syncId,
      // The scheduled source comes from the configuration; a console request is confined.
      localRoot: syncId ? (deps.importDir ?? "/nonexistent-import-dir") : undefined,
      logger: deps.logger.child({ jobId: job.id }),
      onProgress: (progress: object) => job.updateProgress(progress),
    };
    const report = kind === "mssante-extract" ? await syncDirectory({ ...options, maxRemovedRatio: deps.maxRemovedRatio }) : await ingestRppsActivity(options);
    return { syncId: report.syncId, added: report.added, changed: report.changed, removed: report.removed, unchanged: report.unchanged };
  };
}
