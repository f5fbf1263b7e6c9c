// `npm start`: sets everything up (dependencies, services, PKI, migrations, demo data), then
// runs web, gateway, worker and the Pro Santé Connect stand-in with readable logs.
// Ctrl-C stops everything it started.
import { resolve } from "node:path";
import { bootstrap } from "./lib/bootstrap.mjs";
import { startPlatform } from "./lib/platform.mjs";
import { log, run, stopAll, stopOnSignals } from "./lib/proc.mjs";
import { profileEnv, ROOT } from "./lib/profile.mjs";

stopOnSignals();
const env = profileEnv("dev");
try {
  await bootstrap(env);
  log("building the web app (next build)…");
  run(process.execPath, [resolve(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: resolve(ROOT, "apps/web"), env: { ...process.env, ...env }, stdio: "inherit" });
  await startPlatform(env);
  printWelcome(env);
} catch (error) {
  console.error(`\n${error.message}`);
  await stopAll();
  process.exit(1);
}

function printWelcome(env) {
  const lines = [
    "",
    "MSSanté operator platform is running (Ctrl-C stops everything).",
    "",
    `  Webmail            ${env.WEB_URL}/mail`,
    `  Admin console      ${env.WEB_URL}/admin`,
    `  MX (STARTTLS+mTLS) ${env.MX_HOST}:${env.MX_PORT}`,
    `  IMAP (Dovecot)     ${env.IMAP_HOST}:${env.IMAP_PORT} (STARTTLS)`,
    `  PSC stand-in       ${env.PSC_ISSUER}`,
    `  Dev PKI            ${env.PKI_DIR} (ca.pem, platform.pem, peer.pem…)`,
    "",
    "Demo logins:",
    "  Doctor (Pro Santé Connect stand-in): national id 810000000001  → jeanne.martin@gcs-demo.mssante.fr",
    "  Secretary (local): sophie.bernard@gcs-demo.mssante.fr / Secretaire-Demo-2026!  → secretariat.cardiologie@…",
    "      TOTP key KRUGKIDROVUWG2ZABJZG653OOZ2SA2LT",
    "  Tenant admin (local): admin@gcs-demo.mssante.fr / Admin-Demo-2026!",
    "      TOTP key IFSG22LOFVSGK3LPFVTWG4ZNGIYDENRB",
    "  Platform operator (local): operateur@plateforme.local / Operateur-Demo-2026!",
    "      TOTP key J5YGK4TBORSXK4RNIRSW23ZNGIYDENRB",
    "  Local accounts need the code of their TOTP key: add the key to an authenticator app, or run `npm run totp -- <key>`.",
    "",
    "Send a message as the peer operator:",
    `  swaks --server ${env.MX_HOST}:${env.MX_PORT} --tls --tls-cert ${env.PKI_DIR}/peer.pem --tls-key ${env.PKI_DIR}/peer-key.pem \\`,
    "        --from dr.x@operateur-pair.mssante.fr --to jeanne.martin@gcs-demo.mssante.fr",
    "",
  ];
  console.log(lines.join("\n"));
}
