import "server-only";
import { readFileSync } from "node:fs";
import { createDb, type Db } from "@mss/db/client";
import { createDirectoryQueue, type TDirectorySyncJob } from "@mss/domain/jobs/directory-sync-queue";
import { createPublicationQueue, enqueueMailboxPublication, type TPublishMailboxJob } from "@mss/domain/jobs/publication-queue";
import { createSpoolQueue, enqueueSpoolDelivery, type TSpoolJob } from "@mss/domain/jobs/spool-queue";
import type { ImapConfig } from "@mss/mail/imap/imap-session";
import type { Queue } from "bullmq";
import { getEnv } from "./env";

// One instance per server process (kept on globalThis across hot reloads in development).
const globals = globalThis as unknown as { mssDb?: Db; mssQueue?: Queue<TSpoolJob>; mssPublicationQueue?: Queue<TPublishMailboxJob>; mssImap?: ImapConfig };

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

/**
 * Hands a recorded publication to the worker. Never throws: the row is committed, and the
 * worker's reconciler re-enqueues pending publications if Redis is unreachable now.
 */
export async function enqueuePublication(publicationId: string): Promise<void> {
  const env = getEnv();
  globals.mssPublicationQueue ??= createPublicationQueue({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX });
  await enqueueMailboxPublication(globals.mssPublicationQueue, publicationId).catch((error) =>
    console.error("could not enqueue publication (the reconciler will)", publicationId, error),
  );
}

const directoryGlobals = globalThis as unknown as { mssDirectoryQueue?: Queue<TDirectorySyncJob> };

/** The queue of national directory syncs (consumed by the worker, one at a time). */
export function getDirectoryQueue(): Queue<TDirectorySyncJob> {
  const env = getEnv();
  directoryGlobals.mssDirectoryQueue ??= createDirectoryQueue({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX });
  return directoryGlobals.mssDirectoryQueue;
}
