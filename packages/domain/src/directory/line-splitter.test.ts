import { describe, expect, it } from "vitest";
import { LineSplitter } from "./line-splitter";

function split(chunks: string[], max = 1_000) {
  const splitter = new LineSplitter(max);
  const lines = chunks.flatMap((chunk) => splitter.push(chunk));
  return { lines, last: splitter.end(), tooLong: splitter.tooLong };
}

describe("LineSplitter", () => {
  it("joins lines across chunks, drops the BOM and CRs", () => {
    expect(split(["\uFEFFa|b\r\nc|", "d\r\ne", "|f\n"])).toEqual({ lines: ["a|b", "c|d", "e|f"], last: null, tooLong: 0 });
  });

  it("returns an unterminated last line (a truncation sign) separately", () => {
    expect(split(["a\nb|c"])).toMatchObject({ lines: ["a"], last: "b|c" });
    expect(split(["a\nb\r"])).toMatchObject({ lines: ["a"], last: "b" });
  });

  it("drops lines longer than the limit without buffering them", () => {
    const result = split(["ok\n", "x".repeat(600), "x".repeat(600), "x".repeat(600), "\nnext\n"], 1_000);
    expect(result).toEqual({ lines: ["ok", "next"], last: null, tooLong: 1 });
    expect(split([`${"y".repeat(2_000)}\nz\n`], 1_000)).toEqual({ lines: ["z"], last: null, tooLong: 1 });
  });

  it("handles an empty input and blank lines", () => {
    expect(split([])).toEqual({ lines: [], last: null, tooLong: 0 });
    expect(split(["\n\n"]).lines).toEqual(["", ""]);
  });
});
