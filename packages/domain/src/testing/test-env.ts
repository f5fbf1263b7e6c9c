import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import type { ImapConfig } from "@mss/mail/imap/imap-session";
import { loadTlsMaterial, type TlsMaterial } from "@mss/mail/tls/tls-material";
import { z } from "zod";

/**
 * What integration tests need from the test profile (`npm test` exports it; see
 * scripts/lib/profile.mjs). The only place tests read process.env.
 */
const ZTestEnv = z.object({
  DATABASE_URL: z.string().min(1),
  REDIS_URL: z.string().min(1),
  QUEUE_PREFIX: z.string().min(1),
  IMAP_HOST: z.string().default("127.0.0.1"),
  IMAP_PORT: z.coerce.number().int().positive(),
  LMTP_HOST: z.string().default("127.0.0.1"),
  LMTP_PORT: z.coerce.number().int().positive(),
  DOVECOT_MASTER_USER: z.string().min(1),
  DOVECOT_MASTER_PASSWORD: z.string().min(12),
  PKI_DIR: z.string().min(1),
  TLS_CA_FILE: z.string().min(1),
  TLS_CERT_FILE: z.string().min(1),
  TLS_KEY_FILE: z.string().min(1),
  MTA_HOSTNAME: z.string().min(1),
  /** Where the project-local Dovecot keeps mail; used to remove the test domains' maildirs. */
  DATA_DIR: z.string().optional(),
  /** pino level of the in-process gateway and worker; quiet unless asked. */
  TEST_LOG_LEVEL: z.string().default("silent"),
});

export type TTestEnv = z.infer<typeof ZTestEnv>;

let cached: TTestEnv | null = null;

export function getTestEnv(): TTestEnv {
  if (cached) return cached;
  const parsed = ZTestEnv.safeParse(process.env);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new Error(`integration tests need the test profile environment (run \`npm test\`); invalid or missing: ${missing}`);
  }
  cached = parsed.data;
  return cached;
}

/** The platform's own certificate, key and trust anchor, as the gateway and worker load them. */
export function getTestTls(): TlsMaterial {
  const env = getTestEnv();
  return loadTlsMaterial({ caFile: env.TLS_CA_FILE, certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE });
}

/** Dovecot IMAP as the master user, as the webmail and the worker use it. */
export function getTestImapConfig(): ImapConfig {
  const env = getTestEnv();
  return { host: env.IMAP_HOST, port: env.IMAP_PORT, ca: getTestTls().ca, masterUser: env.DOVECOT_MASTER_USER, masterPassword: env.DOVECOT_MASTER_PASSWORD };
}

/** Certificates and keys of the development PKI (infra/pki/dev-pki.sh). */
export type PkiName = "ca" | "platform" | "peer" | "unlisted-peer" | "rogue-ca" | "rogue-peer";

export function pkiFile(name: PkiName, part: "cert" | "key" = "cert"): string {
  return resolve(getTestEnv().PKI_DIR, part === "cert" ? `${name}.pem` : `${name}-key.pem`);
}

/** Short random suffix for names that must not collide with other tests or runs. */
export function uniqueSuffix(): string {
  return randomBytes(5).toString("hex");
}

/** A BullMQ prefix of its own per test file, so runs never consume each other's jobs. */
export function uniqueQueuePrefix(label: string): string {
  return `${getTestEnv().QUEUE_PREFIX}-it-${label}-${uniqueSuffix()}`;
}
