// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, and
// records them in Prisma's `_prisma_migrations` table (same checksum), so `prisma migrate
// status` agrees. Why not `prisma migrate deploy`: Prisma 6's wasm schema engine splits SQL
// on every `;`, which breaks PL/pgSQL bodies (our triggers), and it idles ~10 s at exit.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ROOT } from "./profile.mjs";

export async function applyMigrations(databaseUrl, { log = () => {} } = {}) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    // One runner at a time (npm start and npm test may race on a shared server).
    await client.query("SELECT pg_advisory_lock(7428001)");
    const { rows } = await client.query(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const dir = resolve(ROOT, "prisma/migrations");
    const names = readdirSync(dir).filter((n) => existsSync(resolve(dir, n, "migration.sql"))).sort();
    let count = 0;
    for (const name of names) {
      const sql = readFileSync(resolve(dir, name, "migration.sql"));
      const checksum = createHash("sha256").update(sql).digest("hex");
      if (applied.has(name)) {
        if (applied.get(name) !== checksum) throw new Error(`migration ${name} was changed after it was applied`);
        continue;
      }
      log(`applying migration ${name}`);
      await client.query("BEGIN");
      try {
        await client.query(sql.toString("utf8"));
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${error.message}`);
      }
      count++;
    }
    return count;
  } finally {
    await client.end();
  }
}
