import { describe, expect, it } from "vitest";
import { normalizeSearchText, prefixUpperBound } from "./normalize-search-text";
import { getProfessionCode } from "./professions";
import { parseSearchDirectoryQuery, ZSearchDirectoryQuery } from "./search-directory";

describe("normalizeSearchText", () => {
  it.each([
    ["Hélène", "helene"],
    ["  DURAND ", "durand"],
    ["O'NEILL-DUPRÉ", "o neill dupre"],
    ["Núñez", "nunez"],
    ["Cœur Æsculape", "coeur aesculape"],
    ["Jean--Pierre   Loïc", "jean pierre loic"],
    ["%_\\'; DROP", "drop"],
    ["", ""],
  ])("%s → %s", (input, expected) => {
    expect(normalizeSearchText(input)).toBe(expected);
  });

  it("bounds a prefix range above every key that starts with it and below the next prefix", () => {
    const upper = prefixUpperBound("dur");
    for (const key of ["dur", "durand", "dur z", "dur9"]) expect(key < upper).toBe(true);
    expect("dus" < upper).toBe(false);
  });
});

describe("ZSearchDirectoryQuery", () => {
  it("fills the defaults and drops empty filters (a GET form sends them all)", () => {
    expect(ZSearchDirectoryQuery.parse({ text: " dur ", profession: "", mailboxType: "", town: "  " })).toEqual({
      text: "dur",
      profession: undefined,
      specialty: undefined,
      mailboxType: undefined,
      department: undefined,
      postcode: undefined,
      town: undefined,
      page: 1,
      pageSize: 20,
    });
  });

  it("coerces page numbers from query strings and bounds them", () => {
    expect(ZSearchDirectoryQuery.parse({ text: "a", page: "3", pageSize: "50" })).toMatchObject({ page: 3, pageSize: 50 });
    for (const bad of [{ page: "0" }, { page: "-1" }, { page: "1.5" }, { pageSize: "101" }, { page: "51" }, { page: "abc" }]) {
      expect(ZSearchDirectoryQuery.safeParse({ text: "a", ...bad }).success).toBe(false);
    }
  });

  it.each([
    ["mailbox type", { mailboxType: "XYZ" }],
    ["department", { department: "750" + "1" }],
    ["department letters", { department: "AB" }],
    ["postcode", { postcode: "75A01" }],
    ["text too long", { text: "x".repeat(101) }],
    ["text not a string", { text: 42 }],
  ])("refuses an invalid %s", (_case, input) => {
    expect(ZSearchDirectoryQuery.safeParse({ text: "a", ...input }).success).toBe(false);
  });

  it("accepts Corsican and overseas departments", () => {
    for (const department of ["2A", "2b", "974", "01"]) expect(ZSearchDirectoryQuery.safeParse({ text: "a", department }).success).toBe(true);
  });

  it("reports invalid input as INVALID_INPUT", () => {
    expect(() => parseSearchDirectoryQuery({ text: "a", postcode: "x" })).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
  });
});

describe("getProfessionCode", () => {
  it("accepts a code or a label in any case and accents", () => {
    expect(getProfessionCode("10")).toBe("10");
    expect(getProfessionCode("médecin")).toBe("10");
    expect(getProfessionCode("MASSEUR KINESITHERAPEUTE")).toBe("70");
    expect(getProfessionCode("astronaute")).toBeNull();
  });
});
