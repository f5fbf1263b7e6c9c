import type { Db } from "@mss/db/client";
import type pg from "pg";
import type { Logger } from "pino";
import { AppError } from "../errors/app-error";
import { copyNationalFile } from "./copy-national-file";
import { quoteIdentifier } from "./copy-text";
import { runDirectorySync, type SyncCounts, type SyncProgress, type SyncRunContext } from "./directory-sync-run";
import { DIRECTORY_ENTRY_COLUMNS, EXTRACT_COLUMN_SPECS } from "./extract-columns";
import { ExtractRowReader } from "./extract-row-reader";
import type { IrregularRows } from "./irregular-rows";
import { openDirectorySource } from "./open-directory-source";
import { refreshDirectorySearchTerms } from "./refresh-directory-search-terms";

const STAGING = "directory_entry_staging";
const COLUMNS = DIRECTORY_ENTRY_COLUMNS.map(quoteIdentifier).join(", ");
const DATA_COLUMNS = DIRECTORY_ENTRY_COLUMNS.filter((column) => column !== "address");

/** Above this share of the directory, a full reload drops and rebuilds the secondary indexes. */
const REBUILD_INDEXES_RATIO = 0.5;

export interface SyncDirectoryOptions {
  db: Db;
  /** For the dedicated connection (COPY, lock, one apply transaction). */
  databaseUrl: string;
  /** URL (http/https) or server-side path of the extract, zipped, gzipped or plain. */
  source: string;
  syncId?: string;
  /** Local paths must lie in this directory (the worker's import directory). */
  localRoot?: string;
  /**
   * A file that would remove more than this share of a non-empty directory is refused: a file
   * cut at a line boundary looks valid, and would otherwise empty the national directory.
   */
  maxRemovedRatio?: number;
  logger?: Logger;
  onProgress?: (progress: SyncProgress) => void | Promise<void>;
  progressIntervalMs?: number;
}

/**
 * Synchronises directory_entry with an "Extraction Correspondance MSSanté" file: streamed,
 * COPY into an UNLOGGED staging table, then one transaction that inserts, updates (by row hash)
 * and deletes, and writes the counts to the sync report. Anything wrong before the commit
 * (header, truncated file, damaged archive, lock held) leaves the directory untouched.
 */
export async function syncDirectory({ maxRemovedRatio = 0.5, localRoot, ...options }: SyncDirectoryOptions): Promise<SyncCounts & { syncId: string }> {
  return runDirectorySync({ ...options, kind: "mssante-extract" }, async (context) => {
    const { client } = context;
    if (/^https?:/i.test(options.source)) await context.setPhase("download");
    const opened = await openDirectorySource({ source: options.source, localRoot });
    try {
      await context.setPhase("parse");
      await client.query(`DROP TABLE IF EXISTS ${STAGING}`);
      await client.query(`CREATE UNLOGGED TABLE ${STAGING} (${stagingColumns()})`);
      const copied = await copyNationalFile({
        client,
        stream: opened.stream,
        specs: EXTRACT_COLUMN_SPECS,
        table: STAGING,
        columns: COLUMNS,
        makeReader: (match, irregular) => {
          const reader = new ExtractRowReader(match, irregular);
          return (line, lineNumber) => reader.read(line, lineNumber);
        },
        onRows: (rows) => context.reportRows(rows),
      });
      if (copied.match.unknown.length > 0) copied.irregular.add(`unknownColumn:${copied.match.unknown.join(",")}`, 1);
      if (copied.match.isReordered) copied.irregular.add("reorderedColumns", 1);
      await context.setPhase("apply");
      const counts = await applyStaging({ context, client, irregular: copied.irregular, maxRemovedRatio });
      if (counts.added + counts.changed + counts.removed > 0) {
        // After the commit: the directory is already right; stale typo-tolerance keys only cost
        // recall until the next refresh, so a failure here is logged, not fatal.
        await context
          .step("refresh search terms", () => refreshDirectorySearchTerms({ db: options.db }))
          .catch((error) => options.logger?.warn({ err: error }, "could not refresh directory search terms"));
      }
      return counts;
    } finally {
      await client.query(`DROP TABLE IF EXISTS ${STAGING}`).catch(() => undefined);
      await opened.cleanup();
    }
  });
}

function stagingColumns(): string {
  const types = DIRECTORY_ENTRY_COLUMNS.map((column) => `${quoteIdentifier(column)} ${column === "isDematerialized" ? "boolean" : "text"}`);
  return ['"line" integer NOT NULL', ...types].join(", ");
}

async function count(client: pg.Client, sql: string, values: unknown[] = []): Promise<number> {
  const result = await client.query(sql, values);
  return result.rowCount ?? 0;
}

async function applyStaging({
  context,
  client,
  irregular,
  maxRemovedRatio,
}: {
  context: SyncRunContext;
  client: pg.Client;
  irregular: IrregularRows;
  maxRemovedRatio: number;
}): Promise<SyncCounts> {
  // Session settings of this dedicated connection only: sorts, hashes and index builds of a
  // whole country fit in memory instead of spilling to disk.
  await client.query("SET work_mem = '128MB'; SET maintenance_work_mem = '512MB'");
  const { step } = context;
  // The same address on several lines: the first line wins, the others are reported. Grouping
  // first keeps the cost on the few duplicated addresses, not on every row.
  const duplicates = await step("remove duplicates", () =>
    client.query<{ line: number }>(
      `WITH d AS (SELECT "address", min("line") AS "first" FROM ${STAGING} GROUP BY "address" HAVING count(*) > 1)
       DELETE FROM ${STAGING} s USING d WHERE s."address" = d."address" AND s."line" > d."first" RETURNING s."line"`,
    ),
  );
  for (const row of duplicates.rows.sort((a, b) => a.line - b.line)) irregular.add("duplicateAddress", row.line);
  await step("index staging", () => client.query(`CREATE UNIQUE INDEX ON ${STAGING} ("address")`));

  await client.query("BEGIN");
  try {
    const existing = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM directory_entry`)).rows[0]?.n ?? 0);
    const incoming = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${STAGING}`)).rows[0]?.n ?? 0);
    const removed = await step("delete removed", () => count(client, `DELETE FROM directory_entry e WHERE NOT EXISTS (SELECT 1 FROM ${STAGING} s WHERE s."address" = e."address")`));
    if (existing > 0 && removed > existing * maxRemovedRatio) {
      throw new AppError(
        "INVALID_INPUT",
        `Le fichier retirerait ${removed} des ${existing} entrées de l'annuaire (plus de ${Math.round(maxRemovedRatio * 100)} %) : fichier incomplet ? Aucune modification n'a été appliquée.`,
      );
    }
    const assignments = DATA_COLUMNS.map((column) => `${quoteIdentifier(column)} = s.${quoteIdentifier(column)}`).join(", ");
    const changed = await step("update changed", () => count(
      client,
      `UPDATE directory_entry e SET ${assignments}, "updatedAt" = now() FROM ${STAGING} s WHERE s."address" = e."address" AND s."rowHash" <> e."rowHash"`,
    ));
    const toAdd = incoming - (existing - removed);
    const rebuilt = toAdd > (existing - removed + toAdd) * REBUILD_INDEXES_RATIO ? await dropSecondaryIndexes(client) : [];
    const added = await step("insert added", () => count(
      client,
      `INSERT INTO directory_entry (${COLUMNS}) SELECT ${DIRECTORY_ENTRY_COLUMNS.map((c) => `s.${quoteIdentifier(c)}`).join(", ")} FROM ${STAGING} s
       WHERE NOT EXISTS (SELECT 1 FROM directory_entry e WHERE e."address" = s."address")`,
    ));
    for (const definition of rebuilt) await step(`rebuild ${definition.split(" ON ")[0]}`, () => client.query(definition));
    const counts: SyncCounts = { added, changed, removed, unchanged: incoming - added - changed, irregular: irregular.toJSON() };
    // The report is written in the same transaction: counts and directory change together.
    await client.query(
      `UPDATE directory_sync SET "added" = $2, "changed" = $3, "removed" = $4, "unchanged" = $5, "irregular" = $6 WHERE "id" = $1`,
      [context.syncId, added, changed, removed, counts.unchanged, JSON.stringify(counts.irregular)],
    );
    await step("commit", () => client.query("COMMIT"));
    // Fresh statistics matter after a large change (first load); autovacuum handles the daily 1 %.
    if (added + changed + removed > (existing + added) * 0.1) await step("analyze", () => client.query("ANALYZE directory_entry"));
    return counts;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * Inserting a whole country row by row into GIN/trigram indexes is several times slower than
 * building them afterwards. Drops every index of directory_entry that no constraint owns and
 * returns the statements that recreate them (run in the same transaction).
 */
async function dropSecondaryIndexes(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = 'directory_entry'::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
  );
  for (const row of rows) await client.query(`DROP INDEX ${row.name}`);
  return rows.map((row) => row.definition);
}
