import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@mss/db/client";
import type { Actor } from "@mss/domain/actor/actor";
import { createLogger } from "@mss/domain/config/logger";
import { requestDirectorySync } from "@mss/domain/directory/request-directory-sync";
import { generateExtractLines } from "@mss/domain/directory/testing/extract-generator";
import { createScratchDatabase, dropScratchDatabase } from "@mss/domain/directory/testing/scratch-database";
import { createDirectoryQueue, type TDirectorySyncJob } from "@mss/domain/jobs/directory-sync-queue";
import { getTestEnv, uniqueQueuePrefix } from "@mss/domain/testing/test-env";
import { waitFor } from "@mss/domain/testing/wait-for";
import type { Queue, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDirectoryWorker } from "../directory-worker";

// The job replaces the national directory: it gets a database of its own (see the domain test).
const SCRATCH = "mssante_test_directory_job";
const env = getTestEnv();
const operator = (isPlatformOperator: boolean): Actor => ({
  accountId: randomUUID(),
  displayName: "Opérateur de test",
  nationalId: null,
  isPlatformOperator,
  adminTenantIds: [],
  mustEnrollTotp: false,
});

let db: Db;
let work: string;
let queue: Queue<TDirectorySyncJob>;
let worker: Worker<TDirectorySyncJob>;

beforeAll(async () => {
  const databaseUrl = await createScratchDatabase(env.DATABASE_URL, SCRATCH);
  db = createDb(databaseUrl, { maxConnections: 4 });
  work = await mkdtemp(join(tmpdir(), "mss-directory-job-"));
  const queueConfig = { redisUrl: env.REDIS_URL, prefix: uniqueQueuePrefix("directory") };
  queue = createDirectoryQueue(queueConfig);
  worker = createDirectoryWorker({
    sync: { db, databaseUrl, importDir: work, maxRemovedRatio: 0.5, logger: createLogger("it-directory", env.TEST_LOG_LEVEL) },
    queue: queueConfig,
  });
});

afterAll(async () => {
  await worker?.close();
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await db?.$disconnect();
  if (work) await rm(work, { recursive: true, force: true });
  await dropScratchDatabase(env.DATABASE_URL, SCRATCH).catch(() => undefined);
});

describe("directory-sync job", () => {
  it("runs a sync an operator asked for, audited, with its report", async () => {
    const path = join(work, "Extraction_Correspondance_MSSante.txt");
    writeFileSync(path, `${[...generateExtractLines({ rows: 1_000, seed: 5 })].join("\n")}\n`);
    const actor = operator(true);
    const { syncId } = await requestDirectorySync({ db, actor, queue, input: { kind: "mssante-extract", source: path } });
    expect(await db.directorySync.findUniqueOrThrow({ where: { id: syncId } })).toMatchObject({ status: "queued", requestedById: actor.accountId });
    const done = await waitFor("the sync to finish", async () => {
      const sync = await db.directorySync.findUniqueOrThrow({ where: { id: syncId } });
      return sync.status === "succeeded" || sync.status === "failed" ? sync : undefined;
    });
    expect(done).toMatchObject({ status: "succeeded", rowsRead: 1_000, removed: 0 });
    expect(done.added).toBe(await db.directoryEntry.count());
    expect(await db.auditEvent.count({ where: { action: "directory.sync", objectId: syncId, actorAccountId: actor.accountId } })).toBe(1);
    const job = await queue.getJob(syncId);
    expect(job?.progress).toMatchObject({ syncId, phase: expect.any(String) });
  });

  it("refuses non-operators and console paths outside the import directory", async () => {
    await expect(
      requestDirectorySync({ db, actor: operator(false), queue, input: { kind: "mssante-extract", source: join(work, "x.txt") } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { syncId } = await requestDirectorySync({ db, actor: operator(true), queue, input: { kind: "rpps-activity", source: "/etc/hostname" } });
    const failed = await waitFor("the sync to fail", async () => {
      const sync = await db.directorySync.findUniqueOrThrow({ where: { id: syncId } });
      return sync.status === "failed" ? sync : undefined;
    });
    expect(failed.error).toMatch(/répertoire d'import/);
  });
});
