import { createDb } from "@mss/db/client";
import { createLogger } from "@mss/domain/config/logger";
import { parseRelayRoutes } from "@mss/domain/delivery/resolve-next-hop";
import { createDirectoryQueue, scheduleDirectorySync } from "@mss/domain/jobs/directory-sync-queue";
import { createPublicationQueue } from "@mss/domain/jobs/publication-queue";
import { createSpoolQueue } from "@mss/domain/jobs/spool-queue";
import { createFhirDirectoryClient } from "@mss/domain/publication/fhir-client";
import { loadTlsMaterial } from "@mss/mail/tls/tls-material";
import { createDirectoryWorker } from "./directory-worker";
import { loadEnv } from "./env";
import { createPublishWorker } from "./publish-worker";
import { reconcilePublications, reconcileSpool } from "./reconcile";
import { createSpoolWorker } from "./spool-worker";

const env = loadEnv();
const logger = createLogger("worker", env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL);
const tls = loadTlsMaterial({ caFile: env.TLS_CA_FILE, certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE });
const queueConfig = { redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX };
const queue = createSpoolQueue(queueConfig);
const retry = { attempts: env.DELIVERY_ATTEMPTS, backoffMs: env.DELIVERY_BACKOFF_MS };

const worker = createSpoolWorker({
  deliver: {
    db,
    tls,
    lmtp: { host: env.LMTP_HOST, port: env.LMTP_PORT },
    imap: { host: env.IMAP_HOST, port: env.IMAP_PORT, ca: tls.ca, masterUser: env.DOVECOT_MASTER_USER, masterPassword: env.DOVECOT_MASTER_PASSWORD },
    routes: parseRelayRoutes(env.RELAY_ROUTES),
    heloName: env.MTA_HOSTNAME,
    logger,
  },
  queue: queueConfig,
  concurrency: env.WORKER_CONCURRENCY,
});

// Redis is never the only copy: unfinished spool rows are re-enqueued at start, then periodically.
await reconcileSpool({ db, queue, retry, logger });
const reconcileTimer = setInterval(() => void reconcileSpool({ db, queue, retry, logger }), env.RECONCILE_INTERVAL_MS);

// Publication to the national directory: without an endpoint nothing is consumed, so the
// publications stay pending (the admin console shows them "en attente") until one is set.
const publicationQueue = createPublicationQueue(queueConfig);
const publishRetry = { attempts: env.PUBLISH_ATTEMPTS, backoffMs: env.PUBLISH_BACKOFF_MS };
const publishWorker = env.DIRECTORY_PUBLISH_URL
  ? createPublishWorker({
      publish: {
        db,
        client: createFhirDirectoryClient({ baseUrl: env.DIRECTORY_PUBLISH_URL, apiKey: env.DIRECTORY_PUBLISH_API_KEY, timeoutMs: env.DIRECTORY_PUBLISH_TIMEOUT_MS }),
        logger,
      },
      queue: queueConfig,
      concurrency: 2,
    })
  : null;
let publishTimer: NodeJS.Timeout | undefined;
if (publishWorker) {
  await reconcilePublications({ db, queue: publicationQueue, retry: publishRetry, logger });
  publishTimer = setInterval(() => void reconcilePublications({ db, queue: publicationQueue, retry: publishRetry, logger }), env.RECONCILE_INTERVAL_MS);
} else {
  logger.warn("DIRECTORY_PUBLISH_URL is not set: mailbox publications to the national directory stay pending");
}
// National directory: syncs asked for from the console, and the daily one if a source is set.
const directoryQueue = createDirectoryQueue(queueConfig);
const directoryWorker = createDirectoryWorker({
  sync: { db, databaseUrl: env.DATABASE_URL, importDir: env.DIRECTORY_IMPORT_DIR, maxRemovedRatio: env.DIRECTORY_MAX_REMOVED_RATIO, logger },
  queue: queueConfig,
});
await scheduleDirectorySync(directoryQueue, { source: env.DIRECTORY_EXTRACT_URL, cron: env.DIRECTORY_SYNC_CRON });
logger.info({ concurrency: env.WORKER_CONCURRENCY, isPublishing: publishWorker !== null }, "worker ready");

async function shutdown(signal: string) {
  logger.info({ signal }, "stopping (finishing jobs in progress)");
  clearInterval(reconcileTimer);
  clearInterval(publishTimer);
  await Promise.all([worker.close(), publishWorker?.close(), directoryWorker.close()]);
  await Promise.all([queue.close(), publicationQueue.close(), directoryQueue.close()]);
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
