import { once } from "node:events";
import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { AppError } from "../errors/app-error";
import { copyRow } from "./copy-text";
import { type ColumnSpec, describeHeaderMismatch, type HeaderMatch, matchColumnsByHeader, splitHeaderLine } from "./header-match";
import { IrregularRows } from "./irregular-rows";
import { LineSplitter } from "./line-splitter";

/** No national file has lines near this long; a longer one is garbage, dropped and counted. */
export const MAX_LINE_LENGTH = 64 * 1024;
/** COPY data is written in slices of about this size (fewer, larger writes are much faster). */
const COPY_BATCH_CHARS = 512 * 1024;

export type RowReader = (line: string, lineNumber: number) => Array<string | null> | null;

export interface CopiedFile<F extends string> {
  rows: number;
  lines: number;
  match: Extract<HeaderMatch<F>, { ok: true }>;
  irregular: IrregularRows;
}

/**
 * Streams a `|`-separated national file into a table through COPY: header matched by name
 * (a mismatch throws before COPY starts), each line turned into values by `makeReader`, and
 * `line` (the line number) prepended. Throws, after aborting the COPY, if the stream fails or
 * the file ends in the middle of a line with too few columns (truncated).
 */
export async function copyNationalFile<F extends string>({
  client,
  stream,
  specs,
  table,
  columns,
  makeReader,
  onRows,
}: {
  client: pg.Client;
  stream: Readable;
  specs: readonly ColumnSpec<F>[];
  table: string;
  /** Quoted column list of the COPY, after `line`. */
  columns: string;
  makeReader: (match: Extract<HeaderMatch<F>, { ok: true }>, irregular: IrregularRows) => RowReader;
  onRows: (rows: number) => Promise<void>;
}): Promise<CopiedFile<F>> {
  const splitter = new LineSplitter(MAX_LINE_LENGTH);
  const irregular = new IrregularRows();
  let match: Extract<HeaderMatch<F>, { ok: true }> | null = null;
  let read: RowReader | null = null;
  let copy: ReturnType<typeof copyFrom> | null = null;
  let lineNumber = 0;
  let rows = 0;
  let batch = "";

  const handle = (line: string) => {
    lineNumber++;
    if (!read) {
      const result = matchColumnsByHeader(splitHeaderLine(line), specs);
      if (!result.ok) throw new AppError("INVALID_INPUT", describeHeaderMismatch(result));
      match = result;
      read = makeReader(result, irregular);
      return;
    }
    if (line.trim() === "") return;
    const values = read(line, lineNumber);
    if (!values) return;
    values.unshift(String(lineNumber));
    batch += copyRow(values);
    rows++;
  };
  const flush = async () => {
    if (batch.length === 0) return;
    if (!copy) copy = client.query(copyFrom(`COPY ${table} ("line", ${columns}) FROM STDIN`));
    const chunk = batch;
    batch = "";
    if (!copy.write(chunk)) await once(copy, "drain");
  };

  try {
    stream.setEncoding("utf8");
    for await (const chunk of stream as AsyncIterable<string>) {
      for (const line of splitter.push(chunk)) handle(line);
      if (batch.length >= COPY_BATCH_CHARS) await flush();
      await onRows(rows);
    }
    const last = splitter.end();
    if (last !== null) {
      // A last line without a line end is normal only if it is complete.
      const width = (match as { width: number } | null)?.width ?? 0;
      if (width > 0 && last.split("|").length < width) {
        throw new AppError(
          "INVALID_INPUT",
          `Fichier tronqué : la dernière ligne (${lineNumber + 1}) est incomplète. Aucune modification n'a été appliquée.`,
        );
      }
      handle(last);
    }
    if (!match) throw new AppError("INVALID_INPUT", "Le fichier ne contient pas de ligne d'en-tête. Aucune modification n'a été appliquée.");
    await flush();
    if (splitter.tooLong > 0) irregular.add("lineTooLong", 0, splitter.tooLong);
    if (copy) {
      const open: ReturnType<typeof copyFrom> = copy;
      open.end();
      await finished(open);
    }
    await onRows(rows);
    return { rows, lines: lineNumber, match, irregular };
  } catch (error) {
    stream.destroy();
    if (copy) {
      const open: ReturnType<typeof copyFrom> = copy;
      // Aborting sends CopyFail: the server discards what it received, the connection stays usable.
      open.destroy(error instanceof Error ? error : new Error(String(error)));
      await finished(open).catch(() => undefined);
    }
    throw error;
  }
}
