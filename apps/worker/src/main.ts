import { createDb } from "@mss/db/client";
import { createLogger } from "@mss/domain/config/logger";
import { parseRelayRoutes } from "@mss/domain/delivery/resolve-next-hop";
import { createSpoolQueue } from "@mss/domain/jobs/spool-queue";
import { loadTlsMaterial } from "@mss/mail/tls/tls-material";
import { loadEnv } from "./env";
import { reconcileSpool } from "./reconcile";
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
logger.info({ concurrency: env.WORKER_CONCURRENCY }, "worker ready");

async function shutdown(signal: string) {
  logger.info({ signal }, "stopping (finishing jobs in progress)");
  clearInterval(reconcileTimer);
  await worker.close();
  await queue.close();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
