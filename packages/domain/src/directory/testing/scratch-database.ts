import pg from "pg";

/**
 * A database of its own, created empty and migrated, for what replaces the national directory
 * wholesale (the sync tests, the benchmark): they must never wipe the directory of the dev or
 * test database that other tests and the running platform use. Returns its URL.
 */
export async function createScratchDatabase(baseUrl: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`invalid database name ${name}`);
  const admin = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(baseUrl, name);
  // The project's own migration runner (PL/pgSQL-safe); a path, so tsc does not type a .mjs.
  const runner = new URL("../../../../../scripts/lib/migrate.mjs", import.meta.url).href;
  const { applyMigrations } = (await import(runner)) as { applyMigrations: (url: string) => Promise<number> };
  await applyMigrations(url);
  return url;
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function dropScratchDatabase(baseUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
