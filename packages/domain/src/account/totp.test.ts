import { describe, expect, it } from "vitest";
import { decodeBase32, encodeBase32, generateTotpSecret, totpCode, totpUri, verifyTotp } from "./totp";

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890"; 8-digit values, of which TOTP with
// 6 digits keeps the last six.
const SEED = Buffer.from("12345678901234567890");
const VECTORS: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("totp", () => {
  it.each(VECTORS)("matches RFC 6238 at t=%i", (time, expected) => {
    expect(totpCode(SEED, time)).toBe(expected.slice(-6));
  });

  it("round-trips base32 and matches the RFC 4648 test vector", () => {
    expect(encodeBase32(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(decodeBase32("MZXW6YTBOI").toString()).toBe("foobar");
    expect(decodeBase32("mzxw 6ytb-oi====").toString()).toBe("foobar");
    expect(() => decodeBase32("not base32!")).toThrow();
  });

  it("accepts the current code and one step of drift, refuses others", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const now = 1_800_000_000_000;
    const at = (ms: number) => totpCode(decodeBase32(secret), ms / 1000);
    expect(verifyTotp(secret, at(now), now)).toBe(true);
    expect(verifyTotp(secret, at(now - 30_000), now)).toBe(true);
    expect(verifyTotp(secret, at(now + 30_000), now)).toBe(true);
    expect(verifyTotp(secret, at(now - 90_000), now)).toBe(false);
    expect(verifyTotp(secret, "", now)).toBe(false);
    expect(verifyTotp(secret, "12345", now)).toBe(false);
    expect(verifyTotp(secret, "abcdef", now)).toBe(false);
  });

  it("builds the otpauth URI authenticator apps import", () => {
    expect(totpUri({ issuer: "MSSanté Démo", account: "a@b.fr", secret: "ABC" })).toBe(
      "otpauth://totp/MSSant%C3%A9%20D%C3%A9mo%3Aa%40b.fr?secret=ABC&issuer=MSSant%C3%A9%20D%C3%A9mo&algorithm=SHA1&digits=6&period=30",
    );
  });
});
