import { describe, expect, it } from "vitest";
import { ZCreateMailboxInput } from "./create-mailbox";
import { suggestLocalPart } from "./suggest-local-part";

describe("suggestLocalPart", () => {
  it.each([
    ["Hélène", "O'Neill", "helene.o-neill"],
    ["Anne-Sophie", "NÚÑEZ ", "anne-sophie.nunez"],
    ["Loïc", "Le Gall", "loic.le-gall"],
  ])("%s %s → %s, a local part the creation form accepts", (first, last, expected) => {
    const localPart = suggestLocalPart(first, last);
    expect(localPart).toBe(expected);
    const input = { type: "ORG", localPart, domainId: "00000000-0000-4000-8000-000000000000", displayName: "x" };
    expect(ZCreateMailboxInput.safeParse(input).success).toBe(true);
  });
});
