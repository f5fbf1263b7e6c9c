import { describe, expect, it } from "vitest";
import { EXTRACT_COLUMN_SPECS, EXTRACT_COLUMNS, EXTRACT_HEADER } from "./extract-columns";
import { describeHeaderMismatch, matchColumnsByHeader, normalizeHeaderName, splitHeaderLine } from "./header-match";
import { RPPS_ACTIVITY_COLUMN_SPECS, RPPS_ACTIVITY_HEADER_2026 } from "./rpps-activity-columns";

const names = EXTRACT_COLUMNS.map((column) => column.names[0] as string);

describe("normalizeHeaderName", () => {
  it("ignores accents, case, curly apostrophes and spacing", () => {
    expect(normalizeHeaderName("  Civilité  d’exercice ")).toBe(normalizeHeaderName("CIVILITE D'EXERCICE"));
    expect(normalizeHeaderName("Code postal (coord. Structure)")).toBe(normalizeHeaderName("Code postal (coord.structure)"));
  });
});

describe("matchColumnsByHeader on the national extract", () => {
  it("maps the 31 columns of the national header in order", () => {
    const match = matchColumnsByHeader(splitHeaderLine(EXTRACT_HEADER), EXTRACT_COLUMN_SPECS);
    expect(match.ok).toBe(true);
    if (!match.ok) return;
    expect(match.width).toBe(31);
    expect(match.isReordered).toBe(false);
    expect(match.indexOf.address).toBe(1);
    expect(match.indexOf.country).toBe(30);
  });

  it("tolerates a BOM, CRLF, a trailing | and different case or accents", () => {
    const line = `\uFEFF${names.map((n) => n.toUpperCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")).join("|")}|\r`;
    const match = matchColumnsByHeader(splitHeaderLine(line), EXTRACT_COLUMN_SPECS);
    expect(match.ok && match.width).toBe(31);
  });

  it("follows reordered columns by name and says they were reordered", () => {
    const reordered = [...names].reverse();
    const match = matchColumnsByHeader(reordered, EXTRACT_COLUMN_SPECS);
    expect(match.ok).toBe(true);
    if (!match.ok) return;
    expect(match.isReordered).toBe(true);
    expect(match.indexOf.mailboxType).toBe(30);
    expect(match.indexOf.address).toBe(29);
  });

  it("rejects a renamed column, naming the missing and the unknown one", () => {
    const renamed = names.map((n) => (n === "Adresse BAL" ? "Adresse messagerie" : n));
    const match = matchColumnsByHeader(renamed, EXTRACT_COLUMN_SPECS);
    expect(match.ok).toBe(false);
    if (match.ok) return;
    expect(match.missing).toEqual(["Adresse BAL"]);
    expect(match.unknown).toEqual(["Adresse messagerie"]);
    expect(describeHeaderMismatch(match)).toMatch(/« Adresse BAL ».*« Adresse messagerie »/);
  });

  it("rejects a missing column and a duplicated one", () => {
    expect(matchColumnsByHeader(names.slice(0, 30), EXTRACT_COLUMN_SPECS)).toMatchObject({ ok: false, missing: ["Pays structure BAL"] });
    expect(matchColumnsByHeader([...names, "Adresse BAL"], EXTRACT_COLUMN_SPECS)).toMatchObject({ ok: false, duplicated: ["Adresse BAL"] });
  });

  it("accepts an extra unknown column and reports it", () => {
    const match = matchColumnsByHeader([...names, "Nouvelle colonne"], EXTRACT_COLUMN_SPECS);
    expect(match).toMatchObject({ ok: true, unknown: ["Nouvelle colonne"], width: 32 });
  });

  it("rejects a line that is not a header at all", () => {
    expect(matchColumnsByHeader(splitHeaderLine("PER|jean.martin@medecin.mssante.fr|8|10101010101"), EXTRACT_COLUMN_SPECS).ok).toBe(false);
  });
});

describe("matchColumnsByHeader on PS_LibreAcces_Personne_activite", () => {
  it("reads the 56-column layout with its trailing |", () => {
    const match = matchColumnsByHeader(splitHeaderLine(`${RPPS_ACTIVITY_HEADER_2026.join("|")}|`), RPPS_ACTIVITY_COLUMN_SPECS);
    expect(match).toMatchObject({ ok: true, width: 56, missingOptional: [] });
  });

  it("knows the name variants and the 52-column layout without savoir-faire", () => {
    const variant = RPPS_ACTIVITY_HEADER_2026.slice(0, 52)
      .filter((n) => !/savoir-faire/.test(n))
      .map((n) =>
        n
          .replace("Libellé civilité d'exercice", "Libellé civilité exercice")
          .replace("(coord. structure)", "(coord. Structure)")
          .replace("Code Département (structure)", "Code département (coord. structure)"),
      );
    const match = matchColumnsByHeader([...variant, "Code fonction", "Libellé fonction"], RPPS_ACTIVITY_COLUMN_SPECS);
    expect(match.ok).toBe(true);
    if (!match.ok) return;
    expect(match.indexOf.civility).toBeGreaterThanOrEqual(0);
    expect(match.indexOf.departmentCode).toBeGreaterThanOrEqual(0);
    expect(match.indexOf.roleCode).toBe(variant.length);
    expect(match.indexOf.specialtyCode).toBe(-1);
    expect(match.missingOptional).toContain("Code savoir-faire");
  });

  it("requires the national id", () => {
    const without = RPPS_ACTIVITY_HEADER_2026.filter((n) => n !== "Identification nationale PP");
    expect(matchColumnsByHeader(without, RPPS_ACTIVITY_COLUMN_SPECS)).toMatchObject({ ok: false, missing: ["Identification nationale PP"] });
  });
});
