import { describe, expect, it } from "vitest";
import { matchColumnsByHeader, splitHeaderLine } from "./header-match";
import { IrregularRows } from "./irregular-rows";
import { createRppsActivityRowReader } from "./rpps-activity-row-reader";
import { RPPS_ACTIVITY_COLUMN_SPECS } from "./rpps-activity-columns";
import { buildRppsActivityFile } from "./testing/rpps-generator";

function read(file: string) {
  const [header = "", ...lines] = file.trimEnd().split("\n");
  const match = matchColumnsByHeader(splitHeaderLine(header), RPPS_ACTIVITY_COLUMN_SPECS);
  if (!match.ok) throw new Error("header");
  const irregular = new IrregularRows();
  const reader = createRppsActivityRowReader(match.indexOf, match.width, irregular);
  const field = (name: string) => RPPS_ACTIVITY_COLUMN_SPECS.findIndex((spec) => spec.field === name);
  return { rows: lines.map((line, i) => reader(line, i + 2)), irregular, field };
}

describe("createRppsActivityRowReader", () => {
  it("reads every activity line with its trailing |", () => {
    const { rows, irregular, field } = read(buildRppsActivityFile({ people: 6 }));
    expect(rows).toHaveLength(8);
    expect(rows[0]?.[field("nationalId")]).toBe("810100000000");
    expect(rows[0]?.[field("lastName")]).toBe("MARTIN");
    expect(rows[1]?.[field("finess")]).toBe("750000001");
    expect(rows[0]?.[field("roleCode")]).toBe("FON-01");
    expect(irregular.total).toBe(0);
  });

  it("skips a line without national id and one with shifted columns, counting them", () => {
    const file = buildRppsActivityFile({ people: 2 });
    const [header, first, second] = file.trimEnd().split("\n") as [string, string, string];
    const broken = [header, first.replace("|810100000000|", "||"), `${second}extra|more|`, "garbage"].join("\n");
    const { rows, irregular } = read(broken);
    expect(rows).toEqual([null, null, null]);
    expect(irregular.toJSON()).toMatchObject({ missingNationalId: { count: 2 }, longRow: { count: 1 }, shortRow: { count: 1 } });
  });
});
