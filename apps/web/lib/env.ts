import "server-only";
import { z } from "zod";

const ZEnv = z.object({
  DATABASE_URL: z.string().min(1),
  REDIS_URL: z.string().min(1),
  QUEUE_PREFIX: z.string().default("mss"),
  IMAP_HOST: z.string().default("127.0.0.1"),
  IMAP_PORT: z.coerce.number().int().positive(),
  DOVECOT_MASTER_USER: z.string().min(1),
  DOVECOT_MASTER_PASSWORD: z.string().min(12),
  TLS_CA_FILE: z.string().min(1),
  AUTH_SECRET: z.string().min(32),
  PSC_ISSUER: z.url(),
  PSC_CLIENT_ID: z.string().min(1),
  PSC_CLIENT_SECRET: z.string().min(1),
  /** The worker's directory import folder, to refuse a path outside it when the sync is requested. */
  DIRECTORY_IMPORT_DIR: z.string().min(1).default("/var/lib/mssante/directory-import"),
  DELIVERY_ATTEMPTS: z.coerce.number().int().positive().default(12),
  DELIVERY_BACKOFF_MS: z.coerce.number().int().positive().default(60_000),
});

export type TWebEnv = z.infer<typeof ZEnv>;
let cached: TWebEnv | undefined;

/** The only place the web app reads process.env; read at request time, not at build time. */
export function getEnv(): TWebEnv {
  cached ??= ZEnv.parse(process.env);
  return cached;
}
