import type { Db } from "@mss/db/client";
import type { Prisma } from "@mss/db/types";
import pg from "pg";
import type { Logger } from "pino";
import { AppError, toAppError } from "../errors/app-error";

/** Kinds of national files the directory-sync job ingests. */
export const DIRECTORY_SYNC_KINDS = ["mssante-extract", "rpps-activity"] as const;
export type TDirectorySyncKind = (typeof DIRECTORY_SYNC_KINDS)[number];

export type TSyncPhase = "queued" | "download" | "parse" | "apply" | "done";

export interface SyncProgress {
  syncId: string;
  kind: TDirectorySyncKind;
  phase: TSyncPhase;
  rowsRead: number;
  /** Rows per second since the parse started. */
  rate: number;
}

export interface SyncCounts {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  irregular: Prisma.InputJsonValue;
}

export interface SyncRunContext {
  syncId: string;
  /** A dedicated connection (COPY, the apply transaction) that holds the sync lock. */
  client: pg.Client;
  setPhase(phase: TSyncPhase): Promise<void>;
  /** Cheap to call per batch: writes to the report at most once per `progressIntervalMs`. */
  reportRows(rowsRead: number): Promise<void>;
  /** Runs one step of the apply and logs its duration (what to look at when a sync is slow). */
  step<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/**
 * One lock for every kind: two syncs at once would fight over the CPU, the staging table and
 * the directory. Session-level, so a crashed worker releases it with its connection.
 */
export const DIRECTORY_SYNC_LOCK = 7_428_101;

export interface RunDirectorySyncOptions {
  db: Db;
  databaseUrl: string;
  kind: TDirectorySyncKind;
  source: string;
  /** The report row created when the sync was requested; created here if absent (scheduled runs). */
  syncId?: string;
  logger?: Logger;
  onProgress?: (progress: SyncProgress) => void | Promise<void>;
  progressIntervalMs?: number;
}

/**
 * The frame shared by every directory sync: report row, advisory lock (a second sync fails at
 * once with CONFLICT rather than queueing behind a long one: the schedule runs daily and the
 * operator sees the refusal in the console), progress, and the final status. `work` must
 * leave the database unchanged when it throws.
 */
export async function runDirectorySync(
  { db, databaseUrl, kind, source, syncId, logger, onProgress, progressIntervalMs = 1_000 }: RunDirectorySyncOptions,
  work: (context: SyncRunContext) => Promise<SyncCounts>,
): Promise<SyncCounts & { syncId: string }> {
  const sync = syncId
    ? await db.directorySync.update({ where: { id: syncId }, data: { status: "running", startedAt: new Date(), phase: "parse" } })
    : await db.directorySync.create({ data: { kind, source, status: "running", startedAt: new Date(), phase: "parse" } });
  const log = logger?.child({ syncId: sync.id, kind });
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "directory-sync" });
  let phase: TSyncPhase = "parse";
  let rowsRead = 0;
  let parseStartedAt = Date.now();
  let lastReportAt = 0;
  const rate = () => Math.round(rowsRead / Math.max((Date.now() - parseStartedAt) / 1000, 0.001));
  const publish = async () => {
    lastReportAt = Date.now();
    const progress = { syncId: sync.id, kind, phase, rowsRead, rate: rate() };
    await db.directorySync.update({ where: { id: sync.id }, data: { phase, rowsRead, rate: progress.rate } });
    log?.info(progress, "directory sync progress");
    await onProgress?.(progress);
  };
  try {
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [DIRECTORY_SYNC_LOCK]);
    if (!rows[0]?.locked) throw new AppError("CONFLICT", "Une synchronisation de l'annuaire est déjà en cours ; réessayez quand elle sera terminée.");
    // Holding the lock proves that no other sync runs: a "running" row left by a crash is stale.
    await db.directorySync.updateMany({
      where: { status: "running", id: { not: sync.id } },
      data: { status: "failed", phase: "done", error: "Interrompue (arrêt du processus).", finishedAt: new Date() },
    });
    const counts = await work({
      syncId: sync.id,
      client,
      async setPhase(next) {
        phase = next;
        if (next === "parse") parseStartedAt = Date.now();
        await publish();
      },
      async step(name, run) {
        const started = performance.now();
        const result = await run();
        log?.info({ step: name, ms: Math.round(performance.now() - started) }, "directory sync step");
        return result;
      },
      async reportRows(count) {
        rowsRead = count;
        if (Date.now() - lastReportAt >= progressIntervalMs) await publish();
      },
    });
    phase = "done";
    await db.directorySync.update({
      where: { id: sync.id },
      data: { status: "succeeded", phase, rowsRead, rate: rate(), ...counts, finishedAt: new Date() },
    });
    log?.info({ ...counts, rowsRead }, "directory sync succeeded");
    return { ...counts, syncId: sync.id };
  } catch (error) {
    const appError = toAppError(error);
    // The report is read by the platform operator: a technical cause (zlib, PostgreSQL) helps them.
    const message = appError.code === "INTERNAL" ? `Échec : ${(error as Error)?.message ?? String(error)}`.slice(0, 2_000) : appError.userMessage;
    log?.error({ err: error, phase, rowsRead }, "directory sync failed");
    await db.directorySync.update({ where: { id: sync.id }, data: { status: "failed", phase: "done", rowsRead, error: message, finishedAt: new Date() } });
    throw appError;
  } finally {
    // Ending the session releases the advisory lock and drops nothing else we need.
    await client.end().catch(() => undefined);
  }
}
