import type { Db } from "@mss/db/client";
import type { NextHop } from "@mss/domain/delivery/resolve-next-hop";
import type { TSpoolJob } from "@mss/domain/jobs/spool-queue";
import { getTestEnv, getTestImapConfig, getTestTls } from "@mss/domain/testing/test-env";
import type { Worker } from "bullmq";
import type { Logger } from "pino";
import { createSpoolWorker } from "../spool-worker";

/** The worker as main.ts wires it (LMTP and IMAP of the test Dovecot), on its own queue prefix. */
export function startTestWorker({
  db,
  prefix,
  logger,
  routes = new Map(),
}: {
  db: Db;
  prefix: string;
  logger: Logger;
  routes?: Map<string, NextHop>;
}): Worker<TSpoolJob> {
  const env = getTestEnv();
  return createSpoolWorker({
    deliver: {
      db,
      tls: getTestTls(),
      lmtp: { host: env.LMTP_HOST, port: env.LMTP_PORT },
      imap: getTestImapConfig(),
      routes,
      heloName: env.MTA_HOSTNAME,
      logger,
    },
    queue: { redisUrl: env.REDIS_URL, prefix },
    concurrency: 4,
  });
}

/** Closes the worker, waiting at most `graceMs` for jobs in progress (e.g. a slow DNS lookup). */
export async function stopTestWorker(worker: Worker<TSpoolJob>, graceMs = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), graceMs);
  });
  const outcome = await Promise.race([worker.close(), grace]);
  clearTimeout(timer);
  if (outcome === "late") await worker.close(true);
}
