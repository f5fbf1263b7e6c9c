/** PostgreSQL COPY text format: one row per line, tab-separated, `\N` for NULL. */

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

export function copyField(value: string | number | null): string {
  if (value === null) return "\\N";
  if (typeof value === "number") return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : value;
}

export function copyRow(values: ReadonlyArray<string | number | null>): string {
  let row = copyField(values[0] ?? null);
  for (let i = 1; i < values.length; i++) row += `\t${copyField(values[i] ?? null)}`;
  return `${row}\n`;
}

/** A quoted SQL identifier (our own column names only; never user input). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
