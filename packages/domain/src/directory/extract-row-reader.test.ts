import { describe, expect, it } from "vitest";
import { DIRECTORY_ENTRY_COLUMNS, EXTRACT_COLUMN_SPECS, EXTRACT_HEADER } from "./extract-columns";
import { ExtractRowReader, townOfDeliveryLine } from "./extract-row-reader";
import { matchColumnsByHeader, splitHeaderLine } from "./header-match";
import { IrregularRows } from "./irregular-rows";
import { generateExtractLines } from "./testing/extract-generator";

function readerFor(header = EXTRACT_HEADER) {
  const match = matchColumnsByHeader(splitHeaderLine(header), EXTRACT_COLUMN_SPECS);
  if (!match.ok) throw new Error("header");
  const irregular = new IrregularRows();
  return { reader: new ExtractRowReader(match, irregular), irregular };
}

const value = (values: Array<string | null> | null, column: (typeof DIRECTORY_ENTRY_COLUMNS)[number]) => values?.[DIRECTORY_ENTRY_COLUMNS.indexOf(column)];

const ROW =
  "PER|Jean.Martin@Medecin.MSSante.fr|8|10101010101|810101010101|1|1123456789||DR|MARTIN |Jean|C|Civil|10|Médecin|SM54|Médecine générale|True|CABINET||||12||R|PASTEUR||31059 TOULOUSE CEDEX 9|31059|31|FRANCE";

describe("ExtractRowReader", () => {
  it("normalises a row: lower-case address, trimmed fields, boolean, town, hash", () => {
    const { reader, irregular } = readerFor();
    const values = reader.read(ROW, 2);
    expect(value(values, "address")).toBe("jean.martin@medecin.mssante.fr");
    expect(value(values, "lastName")).toBe("MARTIN");
    expect(value(values, "isDematerialized")).toBe("t");
    expect(value(values, "town")).toBe("TOULOUSE");
    expect(value(values, "organizationBrand")).toBeNull();
    expect(value(values, "rowHash")).toMatch(/^[\w-]{22}$/);
    expect(irregular.toJSON()).toMatchObject({ upperCaseAddress: { count: 1, lines: [2] }, paddedField: { count: 1 } });
  });

  it("gives the same hash to the same content and another to a changed one", () => {
    const { reader } = readerFor();
    const a = value(reader.read(ROW, 2), "rowHash");
    expect(value(reader.read(ROW.replace("|12|", "| 12 |"), 3), "rowHash")).toBe(a);
    expect(value(reader.read(ROW.replace("|True|", "|False|"), 4), "rowHash")).not.toBe(a);
  });

  it("reads columns by name when the file reorders them", () => {
    const header = splitHeaderLine(EXTRACT_HEADER);
    const cells = ROW.split("|");
    const order = header.map((_, i) => i).reverse();
    const { reader } = readerFor(order.map((i) => header[i]).join("|"));
    const values = reader.read(order.map((i) => cells[i]).join("|"), 2);
    expect(value(values, "address")).toBe("jean.martin@medecin.mssante.fr");
    expect(value(values, "country")).toBe("FRANCE");
  });

  it("tolerates a trailing |, pads short rows, skips shifted long rows", () => {
    const { reader, irregular } = readerFor();
    expect(value(reader.read(`${ROW}|`, 2), "country")).toBe("FRANCE");
    expect(irregular.count("longRowEmptyTail")).toBe(0);
    const short = ROW.split("|").slice(0, 20).join("|");
    expect(value(reader.read(short, 3), "country")).toBeNull();
    expect(irregular.count("shortRow")).toBe(1);
    expect(reader.read(ROW.replace("CABINET", "CABINET|DU|CENTRE"), 4)).toBeNull();
    expect(irregular.count("longRow")).toBe(1);
    expect(value(reader.read(`${ROW}|||`, 5), "country")).toBe("FRANCE");
    expect(irregular.count("longRowEmptyTail")).toBe(1);
  });

  it("skips rows without a usable address and survives garbage", () => {
    const { reader, irregular } = readerFor();
    expect(reader.read(ROW.replace("Jean.Martin@Medecin.MSSante.fr", ""), 2)).toBeNull();
    expect(reader.read(ROW.replace("Jean.Martin@Medecin.MSSante.fr", "pas une adresse"), 3)).toBeNull();
    expect(reader.read("|||||", 4)).toBeNull();
    expect(reader.read("\u0000\u0001garbage", 5)).toBeNull();
    expect(reader.read("x".repeat(10_000), 6)).toBeNull();
    expect(irregular.count("missingAddress")).toBe(5);
  });

  it("removes control characters and reports odd values", () => {
    const { reader, irregular } = readerFor();
    const values = reader.read(ROW.replace("MARTIN ", "MAR\u0000TIN\u0007").replace("|True|", "|Oui|").replace(/^PER/, "XYZ"), 2);
    expect(value(values, "lastName")).toBe("MARTIN");
    expect(value(values, "isDematerialized")).toBeNull();
    expect(irregular.toJSON()).toMatchObject({ controlCharacter: { count: 1 }, invalidDematerialisation: { count: 1 }, unknownMailboxType: { count: 1 } });
  });

  it("reads every row of a generated file with quirks, counting them", () => {
    const [header, ...lines] = [...generateExtractLines({ rows: 2_000, seed: 3, quirks: true })];
    const { reader, irregular } = readerFor(header);
    const kept = lines.filter((line, i) => reader.read(line, i + 2) !== null);
    expect(kept.length).toBe(lines.length);
    expect(irregular.count("upperCaseAddress")).toBeGreaterThan(0);
    expect(irregular.count("paddedField")).toBeGreaterThan(0);
    expect(irregular.count("emptyPostalAddress")).toBeGreaterThan(0);
  });
});

describe("townOfDeliveryLine", () => {
  it("drops the postcode and CEDEX", () => {
    expect(townOfDeliveryLine("31059 TOULOUSE CEDEX 9")).toBe("TOULOUSE");
    expect(townOfDeliveryLine("76031 ROUEN CEDEX")).toBe("ROUEN");
    expect(townOfDeliveryLine("03100 MONTLUÇON")).toBe("MONTLUÇON");
    expect(townOfDeliveryLine("97400 SAINT-DENIS")).toBe("SAINT-DENIS");
    expect(townOfDeliveryLine("75013")).toBeNull();
    expect(townOfDeliveryLine(null)).toBeNull();
  });
});
