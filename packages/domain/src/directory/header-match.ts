/**
 * Matching the header line of a national file to the columns we know, by name: the files are
 * produced by hand-maintained exports whose column order and spelling drift (accents, case,
 * apostrophes, "(coord. Structure)"), so a position-based reader would silently misread them.
 */

export interface ColumnSpec<F extends string> {
  field: F;
  /** The current name first, then the variants seen in older or other files. */
  names: readonly string[];
  /** A missing required column fails the whole file; an optional one reads as empty. */
  isRequired: boolean;
}

export type HeaderMatch<F extends string> =
  | {
      ok: true;
      /** Column index in the file of each known field (-1: optional and absent). */
      indexOf: Record<F, number>;
      /** Number of columns a row should have (trailing empty column of a final `|` removed). */
      width: number;
      isReordered: boolean;
      /** Columns of the file we do not know (ignored, reported). */
      unknown: string[];
      missingOptional: string[];
    }
  | { ok: false; missing: string[]; unknown: string[]; duplicated: string[] };

/** Accent-, case-, apostrophe- and space-insensitive form of a column name. */
export function normalizeHeaderName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .toLowerCase()
    .replace(/\s*'\s*/g, "'")
    .replace(/\s*([().\-/])\s*/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Splits a header line (BOM, CR and a trailing `|` tolerated) into column names. */
export function splitHeaderLine(line: string, separator = "|"): string[] {
  const cells = line.replace(/^\uFEFF/, "").replace(/\r$/, "").split(separator);
  while (cells.length > 0 && cells[cells.length - 1]?.trim() === "") cells.pop();
  return cells;
}

export function matchColumnsByHeader<F extends string>(cells: readonly string[], specs: readonly ColumnSpec<F>[]): HeaderMatch<F> {
  const positions = new Map<string, number[]>();
  cells.forEach((cell, index) => {
    const key = normalizeHeaderName(cell);
    positions.set(key, [...(positions.get(key) ?? []), index]);
  });
  const indexOf = {} as Record<F, number>;
  const used = new Set<number>();
  const missing: string[] = [];
  const missingOptional: string[] = [];
  const duplicated: string[] = [];
  for (const spec of specs) {
    const found = spec.names.map((name) => positions.get(normalizeHeaderName(name))).find((list) => list !== undefined);
    if (found === undefined || found.length === 0) {
      indexOf[spec.field] = -1;
      (spec.isRequired ? missing : missingOptional).push(spec.names[0] ?? spec.field);
      continue;
    }
    if (found.length > 1) duplicated.push(spec.names[0] ?? spec.field);
    const index = found[0] ?? -1;
    indexOf[spec.field] = index;
    used.add(index);
  }
  const unknown = cells.filter((_, index) => !used.has(index)).map((cell) => cell.trim());
  if (missing.length > 0 || duplicated.length > 0) return { ok: false, missing, unknown, duplicated };
  const presentInOrder = specs.map((spec) => indexOf[spec.field]).filter((index) => index >= 0);
  const isReordered = presentInOrder.some((index, i) => i > 0 && index < (presentInOrder[i - 1] ?? -1));
  return { ok: true, indexOf, width: cells.length, isReordered, unknown, missingOptional };
}

/** A sentence for the sync report of a header that does not match (French, shown to the operator). */
export function describeHeaderMismatch(match: { missing: string[]; unknown: string[]; duplicated: string[] }): string {
  const parts: string[] = [];
  if (match.missing.length > 0) parts.push(`colonnes absentes : ${match.missing.map((n) => `« ${n} »`).join(", ")}`);
  if (match.unknown.length > 0) parts.push(`colonnes inconnues (renommées ?) : ${match.unknown.map((n) => `« ${n} »`).join(", ")}`);
  if (match.duplicated.length > 0) parts.push(`colonnes en double : ${match.duplicated.map((n) => `« ${n} »`).join(", ")}`);
  return `En-tête du fichier non reconnu — ${parts.join(" ; ")}. Aucune modification n'a été appliquée.`;
}
