import type { Db } from "@mss/db/client";
import type { Logger } from "pino";
import { copyNationalFile } from "./copy-national-file";
import { quoteIdentifier } from "./copy-text";
import { runDirectorySync, type SyncCounts, type SyncProgress } from "./directory-sync-run";
import { openDirectorySource } from "./open-directory-source";
import { createRppsActivityRowReader } from "./rpps-activity-row-reader";
import { RPPS_ACTIVITY_COLUMN_SPECS } from "./rpps-activity-columns";

const STAGING = "rpps_activity_staging";
const FIELDS = RPPS_ACTIVITY_COLUMN_SPECS.map((spec) => spec.field);
const COLUMNS = FIELDS.map(quoteIdentifier).join(", ");

/**
 * Replaces rpps_activity with the lines of a PS_LibreAcces_Personne_activite file (alone, or
 * inside the PS_LibreAcces ZIP that holds three files). An activity line has no key of its own,
 * so the table is replaced whole, in one transaction, after the file was read to its end.
 */
export async function ingestRppsActivity({
  localRoot,
  ...options
}: {
  db: Db;
  databaseUrl: string;
  source: string;
  syncId?: string;
  localRoot?: string;
  logger?: Logger;
  onProgress?: (progress: SyncProgress) => void | Promise<void>;
}): Promise<SyncCounts & { syncId: string }> {
  return runDirectorySync({ ...options, kind: "rpps-activity" }, async (context) => {
    const { client } = context;
    if (/^https?:/i.test(options.source)) await context.setPhase("download");
    const opened = await openDirectorySource({
      source: options.source,
      localRoot,
      pickEntry: (names) => names.find((name) => /personne_activite/i.test(name)) ?? (names.length === 1 ? names[0] : undefined),
    });
    try {
      await context.setPhase("parse");
      await client.query(`DROP TABLE IF EXISTS ${STAGING}`);
      await client.query(`CREATE UNLOGGED TABLE ${STAGING} ("line" integer NOT NULL, ${FIELDS.map((f) => `${quoteIdentifier(f)} text`).join(", ")})`);
      const copied = await copyNationalFile({
        client,
        stream: opened.stream,
        specs: RPPS_ACTIVITY_COLUMN_SPECS,
        table: STAGING,
        columns: COLUMNS,
        makeReader: (match, irregular) => createRppsActivityRowReader(match.indexOf, match.width, irregular),
        onRows: (rows) => context.reportRows(rows),
      });
      await context.setPhase("apply");
      await client.query("BEGIN");
      try {
        const removed = (await client.query("DELETE FROM rpps_activity")).rowCount ?? 0;
        const added = (await client.query(`INSERT INTO rpps_activity (${COLUMNS}) SELECT ${COLUMNS} FROM ${STAGING} ORDER BY "line"`)).rowCount ?? 0;
        const counts: SyncCounts = { added, removed, changed: 0, unchanged: 0, irregular: copied.irregular.toJSON() };
        await client.query(`UPDATE directory_sync SET "added" = $2, "removed" = $3, "changed" = 0, "unchanged" = 0, "irregular" = $4 WHERE "id" = $1`, [
          context.syncId,
          added,
          removed,
          JSON.stringify(counts.irregular),
        ]);
        await client.query("COMMIT");
        return counts;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    } finally {
      await client.query(`DROP TABLE IF EXISTS ${STAGING}`).catch(() => undefined);
      await opened.cleanup();
    }
  });
}
