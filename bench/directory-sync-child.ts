// One directory sync in a process of its own, so the benchmark reads the peak RSS of the sync
// alone: `tsx bench/directory-sync-child.ts <databaseUrl> <file>` prints one JSON line.
import { createDb } from "@mss/db/client";
import { syncDirectory } from "@mss/domain/directory/sync-directory";

const [databaseUrl, file] = process.argv.slice(2);
if (!databaseUrl || !file) throw new Error("usage: directory-sync-child.ts <databaseUrl> <file>");
const db = createDb(databaseUrl, { maxConnections: 2 });
const started = performance.now();
const report = await syncDirectory({ db, databaseUrl, source: file, maxRemovedRatio: 1 });
const seconds = (performance.now() - started) / 1000;
await db.$disconnect();
// maxRSS is in kilobytes.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const { added, changed, removed, unchanged, irregular } = report;
process.stdout.write(`${JSON.stringify({ seconds, peakRssMb, added, changed, removed, unchanged, irregular })}\n`);
