import type { AddressInfo } from "node:net";
import type { Db } from "@mss/db/client";
import type { RetryPolicy, TSpoolJob } from "@mss/domain/jobs/spool-queue";
import { getTestEnv, getTestTls } from "@mss/domain/testing/test-env";
import type { Queue } from "bullmq";
import type { Logger } from "pino";
import { createMxServer } from "../mx-server";

export interface TestMx {
  port: number;
  close(): Promise<void>;
}

/** The real MX listener (STARTTLS, client certificates) on an ephemeral loopback port. */
export async function startTestMx({
  db,
  queue,
  logger,
  retry = { attempts: 3, backoffMs: 200 },
  maxMessageBytes,
}: {
  db: Db;
  queue: Queue<TSpoolJob>;
  logger: Logger;
  retry?: RetryPolicy;
  maxMessageBytes?: number;
}): Promise<TestMx> {
  const server = createMxServer({ db, queue, tls: getTestTls(), hostname: getTestEnv().MTA_HOSTNAME, retry, logger, maxMessageBytes });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
