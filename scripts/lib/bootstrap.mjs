// Everything `npm start` and `npm test` set up before the platform runs: dependencies,
// PostgreSQL, Redis, Dovecot, the development PKI, migrations and demo data. Each step is
// idempotent, so running either command twice in a row works.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { isPortOpen, log, onStop, run, startService, waitForPort } from "./proc.mjs";
import { applyMigrations } from "./migrate.mjs";
import { ROOT } from "./profile.mjs";

const isRoot = process.getuid?.() === 0;

/** Installs Debian packages when root; otherwise explains the exact command and stops. */
export function ensureDebianPackages(packages, reason) {
  const missing = packages.filter((pkg) => {
    try {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query format, not a template
      return !run("dpkg-query", ["-W", "-f=${Status}", pkg]).includes("install ok installed");
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  const install = `apt-get install -y -q --no-install-recommends ${missing.join(" ")}`;
  if (!isRoot) throw new Error(`${reason} needs Debian packages that are missing. Run as root:\n  apt-get update && ${install}`);
  log(`installing ${missing.join(", ")} (${reason})…`);
  run("sh", ["-c", `apt-get update -q && DEBIAN_FRONTEND=noninteractive ${install}`], { stdio: "inherit" });
}

export async function ensureDependencies() {
  const marker = resolve(ROOT, "node_modules/.package-lock.json");
  const lock = resolve(ROOT, "package-lock.json");
  const isInstalled = existsSync(marker) && existsSync(resolve(ROOT, "node_modules/.bin/tsx"));
  if (isInstalled && (!existsSync(lock) || statSync(lock).mtimeMs <= statSync(marker).mtimeMs)) return;
  log("installing npm dependencies (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit" });
}

export function ensureGeneratedClient(env) {
  const generated = resolve(ROOT, "packages/db/src/generated/prisma/client.ts");
  const schema = resolve(ROOT, "prisma/schema.prisma");
  const stamp = resolve(ROOT, "packages/db/src/generated/.schema");
  const current = readFileSync(schema, "utf8");
  if (existsSync(generated) && existsSync(stamp) && readFileSync(stamp, "utf8") === current) return;
  log("generating the Prisma client…");
  // The CLI needs DATABASE_URL even to generate; without it, it tries to download an engine.
  run(resolve(ROOT, "node_modules/.bin/prisma"), ["generate"], { cwd: ROOT, env: { ...process.env, ...env } });
  writeFileSync(stamp, current);
}

/** Uses the PostgreSQL of DATABASE_URL, or starts a project-local cluster under .data/. */
export async function ensurePostgres(env) {
  const url = new URL(env.DATABASE_URL);
  if (!(await isPortOpen(Number(url.port || 5432), url.hostname))) {
    ensureDebianPackages(["postgresql"], "a project-local PostgreSQL");
    const binDir = run("sh", ["-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1"]).trim();
    const dir = resolve(ROOT, ".data/postgres");
    const asPostgres = (args) => (isRoot ? ["runuser", ["-u", "postgres", "--", ...args]] : [args[0], args.slice(1)]);
    if (!existsSync(resolve(dir, "PG_VERSION"))) {
      mkdirSync(dir, { recursive: true });
      if (isRoot) run("chown", ["postgres:postgres", dir]);
      log(`creating a project-local PostgreSQL cluster in ${dir}…`);
      run(...asPostgres([`${binDir}/initdb`, "-D", dir, "-A", "trust", "-U", "postgres"]));
    }
    const port = env.LOCAL_PG_PORT;
    log(`starting project-local PostgreSQL on 127.0.0.1:${port}…`);
    run(...asPostgres([`${binDir}/pg_ctl`, "-D", dir, "-l", `${dir}/server.log`, "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "start"]));
    onStop(() => run(...asPostgres([`${binDir}/pg_ctl`, "-D", dir, "-m", "fast", "stop"])));
    url.hostname = "127.0.0.1";
    url.port = port;
    env.DATABASE_URL = url.toString();
  }
  const { default: pg } = await import("pg");
  const database = url.pathname.slice(1);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (rowCount === 0) {
    log(`creating database ${database}…`);
    await admin.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  }
  await admin.end();
}

/** Uses the Redis of REDIS_URL, or starts a project-local one without persistence. */
export async function ensureRedis(env) {
  const url = new URL(env.REDIS_URL);
  if (await isPortOpen(Number(url.port || 6379), url.hostname)) return;
  ensureDebianPackages(["redis-server"], "a project-local Redis");
  const dir = resolve(ROOT, ".data/redis");
  mkdirSync(dir, { recursive: true });
  const port = env.LOCAL_REDIS_PORT;
  log(`starting project-local Redis on 127.0.0.1:${port}…`);
  startService("redis", "redis-server", ["--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no", "--dir", dir]);
  await waitForPort(Number(port));
  url.hostname = "127.0.0.1";
  url.port = port;
  env.REDIS_URL = url.toString();
}

export function ensurePki(env) {
  if (existsSync(resolve(env.PKI_DIR, "ca.pem"))) return;
  log(`generating the development PKI in ${env.PKI_DIR}…`);
  run("bash", [resolve(ROOT, "infra/pki/dev-pki.sh"), env.PKI_DIR, env.MTA_HOSTNAME]);
}

function render(template, values) {
  return readFileSync(resolve(ROOT, "infra/dovecot", template), "utf8").replace(/@([A-Z_]+)@/g, (_, key) => {
    if (!(key in values)) throw new Error(`no value for @${key}@ in ${template}`);
    return values[key];
  });
}

/** Renders infra/dovecot into .data/<profile>/dovecot and (re)starts that instance. */
export async function ensureDovecot(env) {
  if (env.DOVECOT_EXTERNAL === "1") return;
  ensureDebianPackages(["dovecot-imapd", "dovecot-lmtpd", "dovecot-pgsql", "dovecot-sieve", "dovecot-managesieved"], "the Dovecot mail store");
  const dir = resolve(env.DATA_DIR, "dovecot");
  const mailRoot = resolve(env.DATA_DIR, "mail");
  mkdirSync(dir, { recursive: true });
  mkdirSync(mailRoot, { recursive: true });
  const [mailUser, mailGroup] = isRoot ? ["nobody", "nogroup"] : [run("id", ["-un"]).trim(), run("id", ["-gn"]).trim()];
  if (isRoot) run("chown", [`${mailUser}:${mailGroup}`, mailRoot]);
  const db = new URL(env.DATABASE_URL);
  const pgConnect = [
    `host=${db.hostname}`,
    `port=${db.port || 5432}`,
    `dbname=${db.pathname.slice(1)}`,
    `user=${decodeURIComponent(db.username) || "postgres"}`,
    db.password ? `password=${decodeURIComponent(db.password)}` : "",
  ].filter(Boolean).join(" ");
  const values = {
    ROOT: dir,
    MAIL_ROOT: mailRoot,
    PKI: env.PKI_DIR,
    IMAP_PORT: env.IMAP_PORT,
    LMTP_PORT: env.LMTP_PORT,
    MAIL_USER: mailUser,
    MAIL_GROUP: mailGroup,
    POSTMASTER: "postmaster@gcs-demo.mssante.fr",
    INSTANCE: `mss-${env.PROFILE}`,
    PG_CONNECT: pgConnect,
  };
  writeFileSync(resolve(dir, "dovecot.conf"), render("dovecot.conf.in", values));
  writeFileSync(resolve(dir, "sql.conf.ext"), render("sql.conf.ext.in", values), { mode: 0o600 });
  chmodSync(resolve(dir, "sql.conf.ext"), 0o600);
  const { default: bcrypt } = await import("bcryptjs");
  const masterHash = bcrypt.hashSync(env.DOVECOT_MASTER_PASSWORD, 10);
  writeFileSync(resolve(dir, "master-users"), `${env.DOVECOT_MASTER_USER}:{BLF-CRYPT}${masterHash}\n`, { mode: 0o640 });
  if (isRoot) run("chown", ["root:dovecot", resolve(dir, "master-users")]);
  stopDovecot(dir);
  for (const port of [env.IMAP_PORT, env.LMTP_PORT]) stopStrayDovecot(Number(port));
  log(`starting Dovecot (IMAP ${env.IMAP_PORT}, LMTP ${env.LMTP_PORT})…`);
  // Dovecot daemonizes: its start-up errors go to a file, so no pipe is left open.
  const startupLog = resolve(dir, "startup.log");
  const fd = openSync(startupLog, "w");
  try {
    run("dovecot", ["-c", resolve(dir, "dovecot.conf")], { stdio: ["ignore", fd, fd] });
  } catch (error) {
    throw new Error(`${error.message}\n${readFileSync(startupLog, "utf8").trim()}`);
  } finally {
    closeSync(fd);
  }
  await waitForPort(Number(env.IMAP_PORT));
  await waitForPort(Number(env.LMTP_PORT));
  onStop(() => stopDovecot(dir));
}

/** Pids of the processes holding the TCP socket listening on `port` (from /proc, no tools needed). */
function listenerPids(port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; field 9 is the socket inode.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A") inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return [];
  const pids = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const holds = readdirSync(`/proc/${pid}/fd`).some((fd) => {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        return target.startsWith("socket:[") && inodes.has(target.slice(8, -1));
      });
      if (holds) pids.push(Number(pid));
    } catch {} // process gone, or not ours to inspect
  }
  return pids;
}

/**
 * A Dovecot of the same profile left running by another checkout (or a killed run) holds our
 * ports; it can only be a stale instance of this profile, so its master is stopped. Anything
 * else on the port is left alone and reported.
 */
function stopStrayDovecot(port) {
  const holders = listenerPids(port).map((pid) => ({ pid, command: readFileSync(`/proc/${pid}/comm`, "utf8").trim() }));
  if (holders.length === 0) return;
  const masters = holders.filter((h) => h.command === "dovecot");
  if (masters.length === 0) throw new Error(`port ${port} is taken by ${holders.map((h) => `${h.command} (pid ${h.pid})`).join(", ")}`);
  for (const { pid } of masters) {
    log(`stopping a stray Dovecot on port ${port} (pid ${pid})…`);
    process.kill(pid, "SIGTERM");
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline && existsSync(`/proc/${pid}`)) run("sleep", ["0.1"]);
  }
}

function stopDovecot(dir) {
  const pidFile = resolve(dir, "run/master.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    rmSync(pidFile, { force: true });
    return;
  }
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    run("sleep", ["0.1"]);
  }
  throw new Error(`Dovecot (pid ${pid}) did not stop`);
}

export async function migrate(env) {
  const count = await applyMigrations(env.DATABASE_URL, { log });
  log(count === 0 ? "database schema up to date" : `${count} migration(s) applied`);
}

export function seed(env) {
  log("seeding the demo operator…");
  run(resolve(ROOT, "node_modules/.bin/tsx"), [resolve(ROOT, "prisma/seed.ts")], { cwd: ROOT, env: { ...process.env, ...env }, stdio: "inherit" });
}

/** The whole setup for a profile; returns nothing, mutates env to the services in use. */
export async function bootstrap(env) {
  ensureDebianPackages(["openssl"], "the development PKI");
  await ensureDependencies();
  ensureGeneratedClient(env);
  await ensurePostgres(env);
  await ensureRedis(env);
  ensurePki(env);
  await migrate(env);
  await ensureDovecot(env);
  seed(env);
}
