// Loaded only by the Prisma CLI (generate, migrate). Prisma 6.19's "js" engine runs the
// schema engine as wasm through @prisma/adapter-pg, so no native binary is downloaded
// (see ../shared/docs/STACK.md §2). Two adapter-pg bugs are worked around here.
import "dotenv/config";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

// 1) prisma/orm#27403: catalog columns of types `name`, `"char"`, ... are not mapped by
//    adapter-pg ("Column type 'name' could not be deserialized"). Report them as text.
const require = createRequire(import.meta.url);
const Result = require("pg/lib/result.js");
const TEXT_LIKE = new Set([18, 19, 22, 24, 30, 194, 1033, 2205, 2206]);
const TEXT_ARRAY_LIKE = new Set([1002, 1003, 1034]);
const addFields = Result.prototype.addFields;
Result.prototype.addFields = function patchedAddFields(fields: Array<{ dataTypeID: number }>) {
  for (const field of fields) {
    if (TEXT_LIKE.has(field.dataTypeID)) field.dataTypeID = 25;
    else if (TEXT_ARRAY_LIKE.has(field.dataTypeID)) field.dataTypeID = 1009;
  }
  return addFields.call(this, fields);
};

function poolConfig(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    // Without these the CLI waits ~10 s for idle pool clients before exiting.
    allowExitOnIdle: true,
    idleTimeoutMillis: 200,
  };
}

export default defineConfig({
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  adapter: async () => {
    const config = poolConfig(process.env.DATABASE_URL ?? "");
    const base = new PrismaPg(config);
    return {
      provider: base.provider,
      adapterName: base.adapterName,
      connect: () => base.connect(),
      // 2) adapter-pg's own connectToShadowDb keeps the connection string (the "shadow" is
      //    then the main database) and drops the shadow before closing its pool.
      connectToShadowDb: async () => {
        const admin = new pg.Client(config);
        await admin.connect();
        const name = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
        await admin.query(`CREATE DATABASE "${name}"`);
        const adapter = await new PrismaPg({ ...config, database: name }).connect();
        const dispose = adapter.dispose.bind(adapter);
        adapter.dispose = async () => {
          await dispose();
          await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          await admin.end();
        };
        return adapter;
      },
    };
  },
});
