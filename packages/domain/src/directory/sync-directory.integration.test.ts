import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { createDb, type Db } from "@mss/db/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTestEnv } from "../testing/test-env";
import { DIRECTORY_SYNC_LOCK } from "./directory-sync-run";
import { DIRECTORY_ENTRY_COLUMNS, EXTRACT_COLUMN_SPECS, EXTRACT_HEADER } from "./extract-columns";
import { ExtractRowReader } from "./extract-row-reader";
import { matchColumnsByHeader, splitHeaderLine } from "./header-match";
import { ingestRppsActivity } from "./ingest-rpps-activity";
import { IrregularRows } from "./irregular-rows";
import { syncDirectory } from "./sync-directory";
import { generateExtractLines } from "./testing/extract-generator";
import { buildRppsActivityFile } from "./testing/rpps-generator";
import { createScratchDatabase, dropScratchDatabase } from "./testing/scratch-database";
import { buildZip } from "./testing/zip-writer";

// The sync replaces the national directory wholesale: it runs against a database of its own so
// that it never wipes directory rows other test files (search) created in the test database.
const SCRATCH = "mssante_test_directory_sync";
const ROWS = 3_000;

let databaseUrl: string;
let db: Db;
let work: string;
let server: Server;
let baseUrl: string;
const served = new Map<string, { body: Buffer; announcedLength?: number }>();

const fileA = () => join(work, "a.txt");
const fileB = () => join(work, "b.txt");

/** What the directory should hold after a file: first line wins per lower-case address. */
function model(path: string): Map<string, string> {
  const [header = "", ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  const match = matchColumnsByHeader(splitHeaderLine(header), EXTRACT_COLUMN_SPECS);
  if (!match.ok) throw new Error("header");
  const reader = new ExtractRowReader(match, new IrregularRows());
  const entries = new Map<string, string>();
  lines.forEach((line, i) => {
    const values = reader.read(line, i + 2);
    const address = values?.[DIRECTORY_ENTRY_COLUMNS.indexOf("address")];
    if (values && address && !entries.has(address)) entries.set(address, values.join("|"));
  });
  return entries;
}

/** A fingerprint of the whole directory, to prove a failed sync changed nothing. */
async function snapshot(): Promise<string> {
  const rows = await db.$queryRaw<Array<{ n: bigint; digest: string | null }>>`
    SELECT count(*) AS n, md5(string_agg(address || ':' || "rowHash" || ':' || "updatedAt", ',' ORDER BY address)) AS digest FROM directory_entry`;
  return `${rows[0]?.n}:${rows[0]?.digest}`;
}

async function lastReport() {
  return db.directorySync.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
}

beforeAll(async () => {
  databaseUrl = await createScratchDatabase(getTestEnv().DATABASE_URL, SCRATCH);
  db = createDb(databaseUrl, { maxConnections: 4 });
  work = await mkdtemp(join(tmpdir(), "mss-sync-it-"));
  writeFileSync(fileA(), `${[...generateExtractLines({ rows: ROWS, seed: 11, quirks: true })].join("\n")}\n`);
  writeFileSync(fileB(), `${[...generateExtractLines({ rows: ROWS, seed: 11, quirks: true, mutation: { rate: 0.03, seed: 5 } })].join("\n")}\n`);
  server = createServer((request, response) => {
    const file = served.get(request.url ?? "");
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-length": String(file.announcedLength ?? file.body.length) });
    if (file.announcedLength && file.announcedLength > file.body.length) {
      // A transfer cut short: fewer bytes than announced, then the connection drops.
      response.write(file.body, () => response.destroy());
      return;
    }
    response.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.$disconnect();
  if (work) await rm(work, { recursive: true, force: true });
  await dropScratchDatabase(getTestEnv().DATABASE_URL, SCRATCH).catch(() => undefined);
});

describe("syncDirectory", () => {
  it("loads a full extract into an empty directory, reporting irregular rows", async () => {
    const expected = model(fileA());
    const progress: string[] = [];
    const report = await syncDirectory({ db, databaseUrl, source: fileA(), progressIntervalMs: 0, onProgress: (p) => void progress.push(p.phase) });
    expect(report).toMatchObject({ added: expected.size, changed: 0, removed: 0, unchanged: 0 });
    expect(await db.directoryEntry.count()).toBe(expected.size);
    const saved = await lastReport();
    expect(saved).toMatchObject({ status: "succeeded", phase: "done", added: expected.size, error: null });
    expect(saved.rowsRead).toBeGreaterThan(expected.size);
    const irregular = saved.irregular as Record<string, { count: number }>;
    expect(irregular.duplicateAddress?.count).toBe(saved.rowsRead - expected.size);
    expect(irregular.upperCaseAddress?.count).toBeGreaterThan(0);
    expect(progress).toContain("parse");
    expect(progress).toContain("apply");
    // Typo-tolerant search expands from these keys (engineer C's materialized view).
    const terms = await db.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM directory_search_term`;
    expect(Number(terms[0]?.n)).toBeGreaterThan(50);
    const entry = await db.directoryEntry.findFirstOrThrow({ where: { deliveryLine: { contains: "CEDEX" } } });
    expect(entry.town).not.toMatch(/CEDEX|\d/);
  });

  it("applies the next day's file as exact additions, changes and removals", async () => {
    const before = model(fileA());
    const after = model(fileB());
    const added = [...after.keys()].filter((a) => !before.has(a)).length;
    const removed = [...before.keys()].filter((a) => !after.has(a)).length;
    const changed = [...after].filter(([a, v]) => before.has(a) && before.get(a) !== v).length;
    expect(added * removed * changed).toBeGreaterThan(0);
    const report = await syncDirectory({ db, databaseUrl, source: fileB() });
    expect(report).toMatchObject({ added, removed, changed, unchanged: after.size - added - changed });
    expect(await db.directoryEntry.count()).toBe(after.size);
    expect(await lastReport()).toMatchObject({ status: "succeeded", added, removed, changed });
  });

  it("changes nothing when the file is truncated, renamed, damaged or nearly empty", async () => {
    const before = await snapshot();
    const text = readFileSync(fileA(), "utf8");
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ["truncated.txt", text.slice(0, Math.floor(text.length * 0.6)), /tronqué/],
      ["renamed.txt", text.replace("Adresse BAL", "Adresse messagerie"), /« Adresse BAL ».*« Adresse messagerie »/],
      ["header-only.txt", `${EXTRACT_HEADER}\n`, /retirerait/],
      ["empty.txt", "", /vide/],
      ["not-an-extract.txt", "<html><body>Service indisponible</body></html>\n", /En-tête du fichier non reconnu/],
      ["truncated.gz", gzipSync(text).subarray(0, 20_000), /Échec|unexpected end/i],
    ];
    const zip = buildZip([{ name: "Extraction_Correspondance_MSSante_202611260300.txt", content: text }]);
    const corrupt = Buffer.from(zip);
    corrupt[Math.floor(zip.length / 2)] = (corrupt[Math.floor(zip.length / 2)] ?? 0) ^ 0xff;
    cases.push(["corrupt.zip", corrupt, /ZIP|CRC|Échec/]);
    cases.push(["cut.zip", zip.subarray(0, zip.length - 100), /ZIP illisible ou tronquée/]);
    for (const [name, content, message] of cases) {
      const path = join(work, name);
      writeFileSync(path, content);
      await expect(syncDirectory({ db, databaseUrl, source: path }), name).rejects.toThrow(message);
      expect(await lastReport(), name).toMatchObject({ status: "failed", error: expect.stringMatching(message) });
      expect(await snapshot(), name).toBe(before);
    }
    // A download shorter than its Content-Length.
    served.set("/short.txt", { body: Buffer.from(text.slice(0, 50_000)), announcedLength: Buffer.byteLength(text) });
    await expect(syncDirectory({ db, databaseUrl, source: `${baseUrl}/short.txt` })).rejects.toThrow(/Téléchargement/);
    await expect(syncDirectory({ db, databaseUrl, source: `${baseUrl}/missing.zip` })).rejects.toThrow(/404/);
    expect(await snapshot()).toBe(before);
  });

  it("reads a ZIP served over HTTP and a gzip file, with the same result as plain text", async () => {
    const expectedA = model(fileA());
    served.set("/extract.zip", {
      body: buildZip([{ name: "Extraction_Correspondance_MSSante_202611260300.txt", content: readFileSync(fileA()) }]),
    });
    const fromZip = await syncDirectory({ db, databaseUrl, source: `${baseUrl}/extract.zip` });
    expect(fromZip.added + fromZip.changed + fromZip.unchanged).toBe(expectedA.size);
    expect(fromZip.added).toBeGreaterThan(0);
    expect(await db.directoryEntry.count()).toBe(expectedA.size);
    const gz = join(work, "a.txt.gz");
    writeFileSync(gz, gzipSync(readFileSync(fileA())));
    expect(await syncDirectory({ db, databaseUrl, source: gz })).toMatchObject({ added: 0, changed: 0, removed: 0, unchanged: expectedA.size });
  });

  it("refuses a second sync while one runs", async () => {
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock($1)", [DIRECTORY_SYNC_LOCK]);
      await expect(syncDirectory({ db, databaseUrl, source: fileA() })).rejects.toMatchObject({ code: "CONFLICT" });
      expect(await lastReport()).toMatchObject({ status: "failed", error: expect.stringMatching(/déjà en cours/) });
    } finally {
      await holder.end();
    }
    const results = await Promise.allSettled([
      syncDirectory({ db, databaseUrl, source: fileB() }),
      syncDirectory({ db, databaseUrl, source: fileB() }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
  });

  it("confines console paths to the import directory", async () => {
    await expect(syncDirectory({ db, databaseUrl, source: "/etc/passwd", localRoot: work })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("ingestRppsActivity", () => {
  it("loads the activity file out of the PS_LibreAcces ZIP, then replaces it whole", async () => {
    const zip = join(work, "PS_LibreAcces_202611260300.zip");
    writeFileSync(
      zip,
      buildZip([
        { name: "PS_LibreAcces_Dipl_AutExerc_202611260300.txt", content: "Type d'identifiant PP|Identifiant PP|\n" },
        { name: "PS_LibreAcces_Personne_activite_202611260300.txt", content: buildRppsActivityFile({ people: 30 }) },
        { name: "PS_LibreAcces_SavoirFaire_202611260300.txt", content: "x|\n" },
      ]),
    );
    expect(await ingestRppsActivity({ db, databaseUrl, source: zip })).toMatchObject({ added: 40 });
    expect(await db.rppsActivity.count({ where: { nationalId: "810100000000" } })).toBe(2);
    const plain = join(work, "PS_LibreAcces_Personne_activite.txt");
    writeFileSync(plain, buildRppsActivityFile({ people: 3 }));
    expect(await ingestRppsActivity({ db, databaseUrl, source: plain })).toMatchObject({ added: 4, removed: 40 });
    const renamed = join(work, "renamed.txt");
    writeFileSync(renamed, buildRppsActivityFile({ people: 3 }).replace("Identification nationale PP", "Id national"));
    await expect(ingestRppsActivity({ db, databaseUrl, source: renamed })).rejects.toThrow(/Identification nationale PP/);
    expect(await db.rppsActivity.count()).toBe(4);
  });
});
