import "server-only";
import { readFileSync } from "node:fs";
import { createDb, type Db } from "@mss/db/client";
import { createSpoolQueue, enqueueSpoolDelivery, type TSpoolJob } from "@mss/domain/jobs/spool-queue";
import type { ImapConfig } from "@mss/mail/imap/imap-session";
import type { Queue } from "bullmq";
import { getEnv } from "./env";

// One instance per server process (kept on globalThis across hot reloads in development).
const globals = globalThis as unknown as { mssDb?: Db; mssQueue?: Queue<TSpoolJob>; mssImap?: ImapConfig };

export function getDb(): Db {
  globals.mssDb ??= createDb(getEnv().DATABASE_URL);
  return globals.mssDb;
}

export function getImapConfig(): ImapConfig {
  const env = getEnv();
  globals.mssImap ??= {
    host: env.IMAP_HOST,
    port: env.IMAP_PORT,
    ca: readFileSync(env.TLS_CA_FILE),
    masterUser: env.DOVECOT_MASTER_USER,
    masterPassword: env.DOVECOT_MASTER_PASSWORD,
  };
  return globals.mssImap;
}

export function enqueueDelivery(spoolId: string): Promise<void> {
  const env = getEnv();
  globals.mssQueue ??= createSpoolQueue({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX });
  return enqueueSpoolDelivery(globals.mssQueue, spoolId, { attempts: env.DELIVERY_ATTEMPTS, backoffMs: env.DELIVERY_BACKOFF_MS });
}
