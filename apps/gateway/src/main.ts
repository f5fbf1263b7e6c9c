import { createDb } from "@mss/db/client";
import { createLogger } from "@mss/domain/config/logger";
import { createSpoolQueue } from "@mss/domain/jobs/spool-queue";
import { loadTlsMaterial } from "@mss/mail/tls/tls-material";
import { loadEnv } from "./env";
import { createMxServer } from "./mx-server";

const env = loadEnv();
const logger = createLogger("gateway", env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL);
const queue = createSpoolQueue({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX });
const tls = loadTlsMaterial({ caFile: env.TLS_CA_FILE, certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE });

const mx = createMxServer({
  db,
  queue,
  tls,
  hostname: env.MTA_HOSTNAME,
  retry: { attempts: env.DELIVERY_ATTEMPTS, backoffMs: env.DELIVERY_BACKOFF_MS },
  logger,
});
mx.listen(env.MX_PORT, env.MX_HOST, () => logger.info({ host: env.MX_HOST, port: env.MX_PORT }, "MX listener ready (STARTTLS + client certificate)"));

async function shutdown(signal: string) {
  logger.info({ signal }, "stopping");
  await new Promise<void>((resolve) => mx.close(() => resolve()));
  await queue.close();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
