// The environment of a run. `dev` (npm start) and `test` (npm test) use separate databases,
// Redis prefixes, Dovecot instances and ports, so both can run on one machine at once.
// Values set in the process environment or in .env win over these defaults.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

const PROFILES = {
  dev: {
    database: "mssante",
    redisDb: "0",
    queuePrefix: "mss",
    ports: { web: 3000, psc: 4000, mx: 2525, imap: 1143, lmtp: 24240, peer: 2526, localPg: 54329, localRedis: 6380, directory: 4200 },
  },
  test: {
    database: "mssante_test",
    redisDb: "1",
    queuePrefix: "mss-test",
    ports: { web: 3100, psc: 4100, mx: 12525, imap: 11143, lmtp: 12424, peer: 12526, localPg: 54339, localRedis: 6390, directory: 4300 },
  },
};

function readDotEnv() {
  const file = resolve(ROOT, ".env");
  if (!existsSync(file)) return {};
  const values = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) values[match[1]] = match[2].replace(/^["']|["']$/g, "");
  }
  return values;
}

/** Returns the environment shared by every process of the profile. */
export function profileEnv(name) {
  const profile = PROFILES[name];
  const given = { ...readDotEnv(), ...process.env };
  const dataDir = resolve(ROOT, ".data", name);
  const { ports } = profile;
  // The test profile never reuses the developer's database or queues.
  const pick = (key, fallback) => (name === "test" ? (given[`TEST_${key}`] ?? fallback) : (given[key] ?? fallback));
  const webUrl = `http://localhost:${ports.web}`;
  return {
    PROFILE: name,
    DATA_DIR: dataDir,
    // Server-side files an operator may sync into the national directory from the console.
    DIRECTORY_IMPORT_DIR: given.DIRECTORY_IMPORT_DIR ?? resolve(dataDir, "directory-import"),
    PKI_DIR: resolve(ROOT, ".data", "pki"),
    NODE_ENV: given.NODE_ENV ?? "production",
    NEXT_TELEMETRY_DISABLED: "1",
    TURBO_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: given.LOG_LEVEL ?? "info",
    // Given (or default) services; bootstrap replaces them with project-local ones if absent.
    DATABASE_URL: pick("DATABASE_URL", `postgresql://postgres@127.0.0.1:5432/${profile.database}`),
    REDIS_URL: pick("REDIS_URL", `redis://127.0.0.1:6379/${profile.redisDb}`),
    QUEUE_PREFIX: profile.queuePrefix,
    IMAP_HOST: pick("IMAP_HOST", "127.0.0.1"),
    IMAP_PORT: pick("IMAP_PORT", String(ports.imap)),
    LMTP_HOST: pick("LMTP_HOST", "127.0.0.1"),
    LMTP_PORT: pick("LMTP_PORT", String(ports.lmtp)),
    DOVECOT_EXTERNAL: given.IMAP_HOST && name === "dev" ? "1" : "0",
    DOVECOT_MASTER_USER: "webmail",
    DOVECOT_MASTER_PASSWORD: given.DOVECOT_MASTER_PASSWORD ?? `local-${name}-master-password-change-me`,
    TLS_CA_FILE: given.TLS_CA_FILE ?? resolve(ROOT, ".data/pki/ca.pem"),
    TLS_CERT_FILE: given.TLS_CERT_FILE ?? resolve(ROOT, ".data/pki/platform.pem"),
    TLS_KEY_FILE: given.TLS_KEY_FILE ?? resolve(ROOT, ".data/pki/platform-key.pem"),
    MTA_HOSTNAME: given.MTA_HOSTNAME ?? "mx.gcs-demo.mssante.fr",
    MX_HOST: "127.0.0.1",
    MX_PORT: pick("MX_PORT", String(ports.mx)),
    // Next hop per domain; without a route the relay looks up MX records.
    RELAY_ROUTES: pick("RELAY_ROUTES", `operateur-pair.mssante.fr=127.0.0.1:${ports.peer}`),
    PEER_PORT: String(ports.peer),
    WEB_PORT: String(ports.web),
    WEB_URL: webUrl,
    AUTH_URL: `${webUrl}/api/auth`,
    AUTH_SECRET: given.AUTH_SECRET ?? `local-${name}-auth-secret-0123456789abcdef0123456789`,
    AUTH_TRUST_HOST: "true",
    PSC_ISSUER: pick("PSC_ISSUER", `http://127.0.0.1:${ports.psc}`),
    PSC_PORT: String(ports.psc),
    PSC_CLIENT_ID: given.PSC_CLIENT_ID ?? "mss-web",
    PSC_CLIENT_SECRET: given.PSC_CLIENT_SECRET ?? `local-${name}-psc-secret-0123456789`,
    PSC_STAND_IN: given.PSC_ISSUER && name === "dev" ? "0" : "1",
    // Write API of the national directory; by default the stand-in (infra/fhir-directory-stub).
    DIRECTORY_PUBLISH_URL: pick("DIRECTORY_PUBLISH_URL", `http://127.0.0.1:${ports.directory}/fhir`),
    DIRECTORY_STUB: given.DIRECTORY_PUBLISH_URL && name === "dev" ? "0" : "1",
    DIRECTORY_STUB_PORT: String(ports.directory),
    LOCAL_PG_PORT: String(ports.localPg),
    LOCAL_REDIS_PORT: String(ports.localRedis),
  };
}
