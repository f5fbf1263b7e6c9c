import type { IrregularRows } from "./irregular-rows";
import { RPPS_ACTIVITY_COLUMN_SPECS, type TRppsActivityField } from "./rpps-activity-columns";

const NATIONAL_ID = /^[08][0-9A-Za-z]{9,11}$/;

/**
 * Values of one PS_LibreAcces_Personne_activite line, in the order of
 * RPPS_ACTIVITY_COLUMN_SPECS, or null when the line is skipped. Every line ends with a `|`;
 * a line without its national id cannot be attached to anyone and is skipped.
 */
export function createRppsActivityRowReader(indexOf: Record<TRppsActivityField, number>, width: number, irregular: IrregularRows) {
  const indexes = RPPS_ACTIVITY_COLUMN_SPECS.map((spec) => indexOf[spec.field]);
  const nationalIdAt = RPPS_ACTIVITY_COLUMN_SPECS.findIndex((spec) => spec.field === "nationalId");
  return (line: string, lineNumber: number): Array<string | null> | null => {
    const cells = line.split("|");
    if (cells.length > width && cells[cells.length - 1] === "") cells.pop();
    if (cells.length !== width) irregular.add(cells.length < width ? "shortRow" : "longRow", lineNumber);
    if (cells.length > width) return null;
    const values = indexes.map((index) => {
      const value = index < 0 ? "" : (cells[index] ?? "").trim();
      return value === "" ? null : value;
    });
    const nationalId = values[nationalIdAt];
    if (!nationalId || !NATIONAL_ID.test(nationalId)) {
      irregular.add("missingNationalId", lineNumber);
      return null;
    }
    return values;
  };
}
