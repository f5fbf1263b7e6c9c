// npm run bench:directory — the national directory at national scale (issue 3, "Benchmark").
// Generates BENCH_ROWS rows (default 1,000,000) with the project's generator, syncs them into an
// empty directory of a database of its own (mssante_bench: dev and test data are never touched),
// syncs again a file with 1 % of rows changed, added or removed, then times 1,000 searches
// through searchDirectory and the same searches as a plain ILIKE '%…%'. Prints figures; the last
// line is one JSON object. Not a test: nothing here fails on a slow machine.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createDb } from "@mss/db/client";
import { searchDirectory } from "@mss/domain/directory/search-directory";
import { writeExtract } from "@mss/domain/directory/testing/extract-generator";
import { createScratchDatabase } from "@mss/domain/directory/testing/scratch-database";
import pg from "pg";

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const searches = Number(process.env.BENCH_SEARCHES ?? 1_000);
const baseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/mssante";
const root = resolve(import.meta.dirname, "..");

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The next pseudo-random number of a fixed sequence (the same searches every run). */
function sequence(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

function runSync(databaseUrl: string, file: string) {
  const output = execFileSync(join(root, "node_modules/.bin/tsx"), [join(root, "bench/directory-sync-child.ts"), databaseUrl, file], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 << 20,
  });
  const last = output.trim().split("\n").pop() ?? "{}";
  return JSON.parse(last) as { seconds: number; peakRssMb: number; added: number; changed: number; removed: number; unchanged: number };
}

const work = await mkdtemp(join(tmpdir(), "mss-bench-"));
try {
  const full = join(work, "Extraction_Correspondance_MSSante_full.txt");
  const next = join(work, "Extraction_Correspondance_MSSante_next.txt");
  let started = performance.now();
  await writeExtract(full, { rows, seed: 42, quirks: true });
  await writeExtract(next, { rows, seed: 42, quirks: true, mutation: { rate: 0.01, seed: 4242 } });
  log(`generated 2 files of ${rows} rows (${((await stat(full)).size / 1e6).toFixed(0)} MB each) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  started = performance.now();
  const databaseUrl = await createScratchDatabase(baseUrl, "mssante_bench");
  log(`benchmark database mssante_bench created and migrated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const fullSync = runSync(databaseUrl, full);
  log(`full sync: ${fullSync.seconds.toFixed(1)} s, peak RSS ${fullSync.peakRssMb.toFixed(0)} MB, added ${fullSync.added}`);
  const incremental = runSync(databaseUrl, next);
  log(
    `incremental sync: ${incremental.seconds.toFixed(1)} s, peak RSS ${incremental.peakRssMb.toFixed(0)} MB, ` +
      `added ${incremental.added}, changed ${incremental.changed}, removed ${incremental.removed}, unchanged ${incremental.unchanged}`,
  );

  // Queries: a surname prefix of 2 to 6 letters, half of them with a filter.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const names = (await client.query<{ lastName: string }>(`SELECT DISTINCT "lastName" FROM directory_entry WHERE "lastName" IS NOT NULL`)).rows.map(
    (r) => r.lastName,
  );
  const random = sequence(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const queries = Array.from({ length: searches }, () => {
    const name = pick(names).normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    const text = name.slice(0, 2 + Math.floor(random() * 5)).toLowerCase();
    const filter = random();
    if (filter < 0.5) return { text };
    if (filter < 0.7) return { text, profession: "10" };
    if (filter < 0.85) return { text, department: pick(["75", "69", "13", "31", "33", "59"]) };
    return { text, mailboxType: "PER" as const, postcode: pick(["75013", "69003", "33000"]) };
  });

  const db = createDb(databaseUrl, { maxConnections: 2 });
  for (const query of queries.slice(0, 20)) await searchDirectory({ db, query }); // warm-up
  const searchMs: number[] = [];
  for (const query of queries) {
    const t = performance.now();
    await searchDirectory({ db, query });
    searchMs.push(performance.now() - t);
  }
  await db.$disconnect();

  const ilikeMs: number[] = [];
  for (const query of queries) {
    const conditions = [`"lastName" ILIKE '%' || $1 || '%'`];
    const values: string[] = [query.text];
    if ("profession" in query && query.profession) conditions.push(`"professionCode" = $${values.push(query.profession)}`);
    if ("department" in query && query.department) conditions.push(`"department" = $${values.push(query.department)}`);
    if ("postcode" in query && query.postcode) conditions.push(`"postalCode" = $${values.push(query.postcode)}`, `"mailboxType" = 'PER'`);
    const t = performance.now();
    await client.query(`SELECT * FROM directory_entry WHERE ${conditions.join(" AND ")} ORDER BY "lastName", "firstName" LIMIT 20`, values);
    ilikeMs.push(performance.now() - t);
  }
  await client.end();

  searchMs.sort((a, b) => a - b);
  ilikeMs.sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(searchMs, p));
  const ilikeP95 = percentile(ilikeMs, 95);
  log(`search (searchDirectory, ${searches} queries): p50 ${p50?.toFixed(1)} ms, p95 ${p95?.toFixed(1)} ms, p99 ${p99?.toFixed(1)} ms`);
  log(
    `plain ILIKE '%…%' (same queries): p50 ${percentile(ilikeMs, 50).toFixed(1)} ms, p95 ${ilikeP95.toFixed(1)} ms, ` +
      `p99 ${percentile(ilikeMs, 99).toFixed(1)} ms; ILIKE p95 / search p95 = ${(ilikeP95 / (p95 || 1)).toFixed(1)}`,
  );
  const round = (n: number | undefined) => Math.round((n ?? 0) * 10) / 10;
  log(
    JSON.stringify({
      rows,
      fullSyncSeconds: round(fullSync.seconds),
      fullSyncPeakRssMb: Math.round(fullSync.peakRssMb),
      incrementalSyncSeconds: round(incremental.seconds),
      searchP50Ms: round(p50),
      searchP95Ms: round(p95),
      searchP99Ms: round(p99),
      ilikeP95Ms: round(ilikeP95),
    }),
  );
} finally {
  await rm(work, { recursive: true, force: true });
}
