import { hash } from "node:crypto";
import { EXTRACT_COLUMNS, type TExtractField } from "./extract-columns";
import type { IrregularRows } from "./irregular-rows";

/**
 * Kinds of irregular rows. Kept rows are loaded (normalised); skipped rows are not. None of
 * them stops a sync: real extracts contain all of these.
 */
export const IRREGULAR_KINDS = {
  shortRow: "kept: fewer columns than the header, padded with empty fields",
  longRowEmptyTail: "kept: extra empty columns at the end",
  longRow: "skipped: more columns than the header (a `|` inside a field shifts every column)",
  missingAddress: "skipped: no usable address",
  upperCaseAddress: "kept: address in upper case, lower-cased",
  duplicateAddress: "skipped: same address as an earlier line (the first line wins)",
  emptyPostalAddress: "kept: no postal fields",
  paddedField: "kept: spaces around a field, trimmed",
  controlCharacter: "kept: control characters removed",
  unknownMailboxType: "kept: mailbox type other than PER, ORG, APP, CAB",
  invalidDematerialisation: "kept: Dématérialisation neither True nor False",
  lineTooLong: "skipped: line longer than the limit",
} as const;

export type TIrregularKind = keyof typeof IRREGULAR_KINDS;

const FIELD_INDEX = Object.fromEntries(EXTRACT_COLUMNS.map((column, index) => [column.field, index])) as Record<TExtractField, number>;
const MAILBOX_TYPES = new Set(["PER", "ORG", "APP", "CAB"]);
const POSTAL_INDEXES = (["addressComplement", "distributionComplement", "streetNumber", "streetName", "locality", "deliveryLine", "postalCode"] as const).map(
  (field) => FIELD_INDEX[field],
);
// Loose on purpose: the directory holds what the nation published; we only refuse what cannot be a key.
const ADDRESS = /^[^\s@|]+@[^\s@|]+\.[^\s@|]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** "31059 TOULOUSE CEDEX 9" → "TOULOUSE": the town people search for. */
export function townOfDeliveryLine(deliveryLine: string | null): string | null {
  if (!deliveryLine) return null;
  const town = deliveryLine
    .replace(/^\s*\d{4,5}(\s+|$)/, "")
    .replace(/\s+CEDEX(\s+\d+)?\s*$/i, "")
    .trim()
    .toUpperCase();
  return town === "" ? null : town;
}

/**
 * Turns the lines of an extract (after the header) into directory_entry values, in the order
 * of DIRECTORY_ENTRY_COLUMNS, counting irregular rows. Pure: no I/O.
 */
export class ExtractRowReader {
  private readonly indexes: number[];

  constructor(
    private readonly match: { indexOf: Record<TExtractField, number>; width: number },
    private readonly irregular: IrregularRows,
  ) {
    this.indexes = EXTRACT_COLUMNS.map((column) => match.indexOf[column.field]);
  }

  /** Values (null = empty) of one line, or null when the line is skipped. `line` has no line end. */
  read(line: string, lineNumber: number): Array<string | null> | null {
    const { width } = this.match;
    let cells = line.split("|");
    if (cells.length > width) {
      const tail = cells.slice(width);
      // A trailing `|` (or several) is harmless; a non-empty extra cell means shifted columns.
      if (tail.some((cell) => cell.trim() !== "")) {
        this.irregular.add("longRow", lineNumber);
        return null;
      }
      if (!(tail.length === 1 && tail[0] === "")) this.irregular.add("longRowEmptyTail", lineNumber);
      cells = cells.slice(0, width);
    } else if (cells.length < width) {
      this.irregular.add("shortRow", lineNumber);
    }
    let hasPadding = false;
    // Checked once per line: control characters are rare, a per-field test is not free.
    const hasControl = CONTROL.test(line);
    const values: Array<string | null> = new Array(this.indexes.length + 2);
    for (let i = 0; i < this.indexes.length; i++) {
      let raw = cells[this.indexes[i] ?? -1] ?? "";
      if (hasControl) raw = raw.replace(CONTROLS, "");
      const value = raw.trim();
      if (value.length !== raw.length) hasPadding = true;
      values[i] = value === "" ? null : value;
    }
    const rawAddress = values[FIELD_INDEX.address];
    if (!rawAddress || !ADDRESS.test(rawAddress)) {
      this.irregular.add("missingAddress", lineNumber);
      return null;
    }
    const address = rawAddress.toLowerCase();
    if (address !== rawAddress) this.irregular.add("upperCaseAddress", lineNumber);
    values[FIELD_INDEX.address] = address;
    if (hasPadding) this.irregular.add("paddedField", lineNumber);
    if (hasControl) this.irregular.add("controlCharacter", lineNumber);
    return this.finish(values, lineNumber);
  }

  private finish(values: Array<string | null>, lineNumber: number): Array<string | null> {
    const typeIndex = FIELD_INDEX.mailboxType;
    const type = values[typeIndex]?.toUpperCase() ?? "";
    values[typeIndex] = type;
    if (!MAILBOX_TYPES.has(type)) this.irregular.add("unknownMailboxType", lineNumber);
    const dematIndex = FIELD_INDEX.isDematerialized;
    const demat = values[dematIndex]?.toLowerCase();
    values[dematIndex] = demat === "true" ? "t" : demat === "false" ? "f" : null;
    if (demat !== undefined && values[dematIndex] === null) this.irregular.add("invalidDematerialisation", lineNumber);
    if (POSTAL_INDEXES.every((index) => values[index] === null)) this.irregular.add("emptyPostalAddress", lineNumber);
    const n = EXTRACT_COLUMNS.length;
    values[n] = townOfDeliveryLine(values[FIELD_INDEX.deliveryLine] ?? null);
    // The hash covers every stored value, so any change in the file shows as "changed".
    values[n + 1] = hash("md5", values.slice(0, n + 1).join("\u001f"), "base64url");
    return values;
  }
}
