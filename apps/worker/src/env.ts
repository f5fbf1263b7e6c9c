import { z } from "zod";

const ZEnv = z.object({
  DATABASE_URL: z.string().min(1),
  REDIS_URL: z.string().min(1),
  QUEUE_PREFIX: z.string().default("mss"),
  LMTP_HOST: z.string().default("127.0.0.1"),
  LMTP_PORT: z.coerce.number().int().positive(),
  IMAP_HOST: z.string().default("127.0.0.1"),
  IMAP_PORT: z.coerce.number().int().positive(),
  DOVECOT_MASTER_USER: z.string().min(1),
  DOVECOT_MASTER_PASSWORD: z.string().min(12),
  MTA_HOSTNAME: z.string().min(1),
  TLS_CA_FILE: z.string().min(1),
  TLS_CERT_FILE: z.string().min(1),
  TLS_KEY_FILE: z.string().min(1),
  RELAY_ROUTES: z.string().default(""),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(8),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  DELIVERY_ATTEMPTS: z.coerce.number().int().positive().default(12),
  DELIVERY_BACKOFF_MS: z.coerce.number().int().positive().default(60_000),
  LOG_LEVEL: z.string().default("info"),
  // National directory sync. Unset URL: no daily schedule (a dev machine downloads nothing).
  DIRECTORY_EXTRACT_URL: z.string().min(1).optional(),
  DIRECTORY_SYNC_CRON: z.string().default("30 4 * * *"),
  // Server-side files an operator may sync from the console must lie here (unset: none).
  /** Server-side directory files must lie here; never unset, so a request cannot read any path. */
  DIRECTORY_IMPORT_DIR: z.string().min(1).default("/var/lib/mssante/directory-import"),
  DIRECTORY_MAX_REMOVED_RATIO: z.coerce.number().min(0).max(1).default(0.5),
  // Write API of the national directory (FHIR R4 base). Unset: publications stay pending (and
  // visible as such in the admin console) until it is set; the reconciler then sends them.
  DIRECTORY_PUBLISH_URL: z.url().optional(),
  DIRECTORY_PUBLISH_API_KEY: z.string().min(1).optional(),
  DIRECTORY_PUBLISH_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  PUBLISH_ATTEMPTS: z.coerce.number().int().positive().default(8),
  PUBLISH_BACKOFF_MS: z.coerce.number().int().positive().default(30_000),
});

export type TEnv = z.infer<typeof ZEnv>;

/** The only place the worker reads process.env. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): TEnv {
  return ZEnv.parse(source);
}
