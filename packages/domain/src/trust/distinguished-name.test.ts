import { describe, expect, it } from "vitest";
import { dnFromSubject, normalizeDn } from "./distinguished-name";

const PEER = "CN=mta.operateur-pair.mssante.fr,OU=98765432100022,O=OPERATEUR PAIR,ST=Rhone (69),C=FR";

describe("normalizeDn", () => {
  it.each([
    ["the canonical form itself", PEER],
    ["spaces after commas", "CN=mta.operateur-pair.mssante.fr, OU=98765432100022, O=OPERATEUR PAIR, ST=Rhone (69), C=FR"],
    ["spaces around '='", "CN = mta.operateur-pair.mssante.fr , OU= 98765432100022,O =OPERATEUR PAIR,ST=Rhone (69),C=FR"],
    ["OpenSSL/X509Certificate order (C first)", "C=FR,ST=Rhone (69),O=OPERATEUR PAIR,OU=98765432100022,CN=mta.operateur-pair.mssante.fr"],
    ["lower-case attribute types", "cn=mta.operateur-pair.mssante.fr,ou=98765432100022,o=OPERATEUR PAIR,st=Rhone (69),c=FR"],
    ["semicolons as separators", "CN=mta.operateur-pair.mssante.fr;OU=98765432100022;O=OPERATEUR PAIR;ST=Rhone (69);C=FR"],
    ["runs of spaces inside values", "CN=mta.operateur-pair.mssante.fr,OU=98765432100022,O=OPERATEUR   PAIR,ST=Rhone\t(69),C=FR"],
    ["empty RDNs and a trailing comma", "CN=mta.operateur-pair.mssante.fr,,OU=98765432100022,O=OPERATEUR PAIR,ST=Rhone (69),C=FR,"],
  ])("gives one form for %s", (_variant, dn) => {
    expect(normalizeDn(dn)).toBe(PEER);
  });

  it("keeps values case-sensitive and distinct DNs distinct", () => {
    expect(normalizeDn("CN=mta.a.fr,O=A")).not.toBe(normalizeDn("CN=mta.b.fr,O=A"));
    expect(normalizeDn("CN=mta.a.fr,O=A")).not.toBe(normalizeDn("CN=mta.a.fr,O=A,OU=1"));
    expect(normalizeDn("CN=MTA.A.FR")).not.toBe(normalizeDn("CN=mta.a.fr"));
  });

  it("sorts unknown attribute types after the known ones, alphabetically", () => {
    expect(normalizeDn("serialNumber=42,C=FR,emailAddress=pki@a.fr,CN=x")).toBe("CN=x,C=FR,EMAILADDRESS=pki@a.fr,SERIALNUMBER=42");
  });

  it("keeps an escaped comma inside its value", () => {
    expect(normalizeDn("O=ACME\\, Inc,CN=x")).toBe("CN=x,O=ACME\\, Inc");
    expect(normalizeDn("O=ACME\\, Inc,CN=x")).not.toBe(normalizeDn("O=ACME,O=Inc,CN=x"));
  });

  it("drops fragments that are not type=value pairs instead of throwing", () => {
    expect(normalizeDn("")).toBe("");
    expect(normalizeDn("garbage")).toBe("");
    expect(normalizeDn("=value,CN=x,OU=")).toBe("CN=x");
    expect(normalizeDn(",,,;;")).toBe("");
  });

  it("keeps '=' signs inside a value", () => {
    expect(normalizeDn("CN=a=b")).toBe("CN=a=b");
  });

  it("handles a long hostile input in linear time", () => {
    const hostile = `${"CN=x,".repeat(20_000)}${"\\".repeat(10_000)}`;
    const started = performance.now();
    normalizeDn(hostile);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("dnFromSubject", () => {
  it("gives the whitelist's canonical DN for Node's getPeerCertificate().subject", () => {
    const subject = { C: "FR", ST: "Rhone (69)", O: "OPERATEUR PAIR", OU: "98765432100022", CN: "mta.operateur-pair.mssante.fr" };
    expect(dnFromSubject(subject)).toBe(PEER);
  });

  it("keeps every value of a repeated attribute, in certificate order", () => {
    expect(dnFromSubject({ CN: "x", OU: ["b", "a"] })).toBe("CN=x,OU=b,OU=a");
  });

  it("ignores undefined attributes", () => {
    expect(dnFromSubject({ CN: "x", OU: undefined })).toBe("CN=x");
  });

  it("matches a whitelist DN written with an escaped comma", () => {
    expect(dnFromSubject({ CN: "x", O: "ACME, Inc" })).toBe(normalizeDn("CN=x, O=ACME\\, Inc"));
  });

  // A certificate's subject values are chosen by whoever requested it: separators inside a value
  // must never turn into extra RDNs, or one certificate could pass for another one's DN.
  it.each([
    ["a comma", { C: "FR", O: "OPERATEUR PAIR", OU: "98765432100022,CN=mta.operateur-pair.mssante.fr,ST=Rhone (69)" }],
    ["a semicolon", { C: "FR", ST: "Rhone (69)", O: "OPERATEUR PAIR", OU: "98765432100022;CN=mta.operateur-pair.mssante.fr" }],
  ])("does not let %s in a value forge another DN", (_case, subject) => {
    expect(dnFromSubject(subject)).not.toBe(PEER);
    // Canonical order puts a CN first: none was in the certificate, none may appear.
    expect(dnFromSubject(subject).startsWith("CN=")).toBe(false);
  });

  it("keeps the attribute that follows a value ending with a backslash", () => {
    // Canonical order puts OU before O: the OU is still an RDN of its own.
    expect(dnFromSubject({ CN: "x", O: "ACME\\", OU: "42" })).toMatch(/^CN=x,OU=42,O=ACME/);
  });

  it("gives an empty DN for an empty subject", () => {
    expect(dnFromSubject({})).toBe("");
  });
});
