import { describe, expect, it, vi } from "vitest";
import { parseRelayRoutes, resolveNextHop } from "./resolve-next-hop";

describe("parseRelayRoutes", () => {
  it("parses domain=host:port entries, lower-casing domains", () => {
    const routes = parseRelayRoutes("Operateur-Pair.MSSante.fr=127.0.0.1:12526,autre.mssante.fr=mx.autre.fr:25");
    expect([...routes]).toEqual([
      ["operateur-pair.mssante.fr", { host: "127.0.0.1", port: 12526 }],
      ["autre.mssante.fr", { host: "mx.autre.fr", port: 25 }],
    ]);
  });

  it.each([
    ["an empty string", ""],
    ["only blanks and commas", " , ,, "],
  ])("gives no route for %s", (_case, spec) => {
    expect(parseRelayRoutes(spec).size).toBe(0);
  });

  it("tolerates spaces around entries and a trailing comma", () => {
    expect(parseRelayRoutes("  a.fr=h:25 ,  b.fr=k:26 ,").size).toBe(2);
  });

  it("keeps the last route when a domain is given twice", () => {
    expect(parseRelayRoutes("a.fr=h1:25,A.FR=h2:26").get("a.fr")).toEqual({ host: "h2", port: 26 });
  });

  it.each([
    ["a missing port", "a.fr=host"],
    ["a missing host", "a.fr=:25"],
    ["a missing domain", "=host:25"],
    ["no '='", "a.fr host:25"],
    ["a non-numeric port", "a.fr=host:smtp"],
    ["a negative port", "a.fr=host:-1"],
    ["two ports", "a.fr=host:25:26"],
    ["spaces inside the entry", "a.fr = host:25"],
    ["an IPv6 literal (unsupported)", "a.fr=[::1]:25"],
    ["port 0", "a.fr=host:0"],
    ["a port above 65535", "a.fr=host:65536"],
    ["a huge port", "a.fr=host:99999999999999999999"],
    ["one bad entry among good ones", "a.fr=host:25,b.fr=host"],
  ])("refuses %s at boot rather than misrouting", (_case, spec) => {
    expect(() => parseRelayRoutes(spec)).toThrow(/invalid relay route/);
  });
});

describe("resolveNextHop", () => {
  const routes = parseRelayRoutes("operateur-pair.mssante.fr=127.0.0.1:12526");

  it("uses the static route without looking up DNS, whatever the domain's case", async () => {
    const lookupMx = vi.fn();
    await expect(resolveNextHop("OPERATEUR-PAIR.mssante.fr", routes, lookupMx)).resolves.toEqual([{ host: "127.0.0.1", port: 12526 }]);
    expect(lookupMx).not.toHaveBeenCalled();
  });

  it("otherwise tries the MX records by priority, on port 25", async () => {
    const lookupMx = vi.fn(async () => [
      { exchange: "mx2.autre.fr", priority: 20 },
      { exchange: "mx1.autre.fr", priority: 10 },
      { exchange: "mx3.autre.fr", priority: 30 },
    ]);
    await expect(resolveNextHop("autre.mssante.fr", routes, lookupMx)).resolves.toEqual([
      { host: "mx1.autre.fr", port: 25 },
      { host: "mx2.autre.fr", port: 25 },
      { host: "mx3.autre.fr", port: 25 },
    ]);
    expect(lookupMx).toHaveBeenCalledWith("autre.mssante.fr");
  });

  it("gives no hop when the domain has no MX", async () => {
    await expect(resolveNextHop("autre.mssante.fr", routes, async () => [])).resolves.toEqual([]);
  });

  it("gives no hop for a null MX (RFC 7505): the domain accepts no mail", async () => {
    await expect(resolveNextHop("autre.mssante.fr", routes, async () => [{ exchange: "", priority: 0 }])).resolves.toEqual([]);
    await expect(
      resolveNextHop("autre.mssante.fr", routes, async () => [
        { exchange: ".", priority: 0 },
        { exchange: "mx.autre.fr", priority: 10 },
      ]),
    ).resolves.toEqual([{ host: "mx.autre.fr", port: 25 }]);
  });

  it("lets a DNS failure through so the delivery is retried", async () => {
    const failure = Object.assign(new Error("queryMx ETIMEOUT autre.mssante.fr"), { code: "ETIMEOUT" });
    await expect(resolveNextHop("autre.mssante.fr", routes, async () => Promise.reject(failure))).rejects.toBe(failure);
  });
});
