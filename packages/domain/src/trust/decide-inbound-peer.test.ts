import { describe, expect, it } from "vitest";
import { decideInboundRecipient, decideInboundSender, findBareLineEnding, type InboundPeer, type RecipientMailbox } from "./decide-inbound-peer";

const PEER_DN = "CN=mta.operateur-pair.mssante.fr,OU=98765432100022,O=OPERATEUR PAIR,ST=Rhone (69),C=FR";
const OTHER_DN = "CN=mta.non-liste.mssante.fr,OU=11122233300033,O=OPERATEUR NON LISTE,ST=Nord (59),C=FR";

const trustedPeer: InboundPeer = { isTls: true, isCertificateTrusted: true, certificateError: null, certificateDn: PEER_DN };

describe("decideInboundSender", () => {
  it("accepts a trusted certificate listed for the sender's domain", () => {
    expect(decideInboundSender({ peer: trustedPeer, senderDomain: "operateur-pair.mssante.fr", listedDns: [OTHER_DN, PEER_DN] })).toEqual({ isAccepted: true });
  });

  it("matches the listed DN whatever its spacing, order and attribute-type case", () => {
    const listed = "c=FR, st=Rhone (69), o=OPERATEUR PAIR, ou=98765432100022, cn=mta.operateur-pair.mssante.fr";
    expect(decideInboundSender({ peer: trustedPeer, senderDomain: "operateur-pair.mssante.fr", listedDns: [listed] }).isAccepted).toBe(true);
  });

  it("refuses a session without STARTTLS with 530, before anything else", () => {
    const peer: InboundPeer = { isTls: false, isCertificateTrusted: false, certificateError: null, certificateDn: null };
    expect(decideInboundSender({ peer, senderDomain: "operateur-pair.mssante.fr", listedDns: [PEER_DN] })).toEqual({
      isAccepted: false,
      code: 530,
      message: expect.stringMatching(/^5\.7\.0 .*STARTTLS/),
    });
  });

  it("refuses a TLS session without a client certificate (550 5.7.1)", () => {
    const peer: InboundPeer = { ...trustedPeer, isCertificateTrusted: false, certificateDn: null };
    expect(decideInboundSender({ peer, senderDomain: "operateur-pair.mssante.fr", listedDns: [PEER_DN] })).toEqual({
      isAccepted: false,
      code: 550,
      message: expect.stringMatching(/^5\.7\.1 A client certificate is required/),
    });
  });

  it("refuses an untrusted certificate even when its DN is listed, and says why", () => {
    const peer: InboundPeer = { ...trustedPeer, isCertificateTrusted: false, certificateError: "UNABLE_TO_GET_ISSUER_CERT_LOCALLY" };
    const decision = decideInboundSender({ peer, senderDomain: "operateur-pair.mssante.fr", listedDns: [PEER_DN] });
    expect(decision).toMatchObject({ isAccepted: false, code: 550 });
    expect(!decision.isAccepted && decision.message).toContain("UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
  });

  it("refuses an untrusted certificate with no error detail as of unknown issuer", () => {
    const peer: InboundPeer = { ...trustedPeer, isCertificateTrusted: false, certificateError: null };
    const decision = decideInboundSender({ peer, senderDomain: "operateur-pair.mssante.fr", listedDns: [PEER_DN] });
    expect(!decision.isAccepted && decision.message).toMatch(/not trusted \(unknown issuer\)/);
  });

  it("refuses a sender domain the whitelist does not list", () => {
    expect(decideInboundSender({ peer: trustedPeer, senderDomain: "gmail.com", listedDns: [] })).toEqual({
      isAccepted: false,
      code: 550,
      message: "5.7.1 Sender domain gmail.com is not in the MSSante whitelist",
    });
  });

  it("refuses a trusted certificate not listed for the sender's domain", () => {
    const decision = decideInboundSender({ peer: trustedPeer, senderDomain: "autre.mssante.fr", listedDns: [OTHER_DN] });
    expect(decision).toMatchObject({ isAccepted: false, code: 550, message: expect.stringContaining("is not listed for autre.mssante.fr") });
  });

  it("does not accept a DN that merely contains, or is contained in, a listed one", () => {
    for (const certificateDn of [`${PEER_DN},OU=extra`, "CN=mta.operateur-pair.mssante.fr", `${PEER_DN} `.repeat(2)]) {
      const decision = decideInboundSender({ peer: { ...trustedPeer, certificateDn }, senderDomain: "operateur-pair.mssante.fr", listedDns: [PEER_DN] });
      expect(decision.isAccepted).toBe(false);
    }
  });

  it("never matches an empty certificate DN, even against a malformed whitelist entry", () => {
    const peer: InboundPeer = { ...trustedPeer, certificateDn: "" };
    expect(decideInboundSender({ peer, senderDomain: "operateur-pair.mssante.fr", listedDns: ["garbage"] }).isAccepted).toBe(false);
    expect(decideInboundSender({ peer, senderDomain: null, listedDns: ["", "garbage"] }).isAccepted).toBe(false);
  });

  describe("null reverse-path (bounces)", () => {
    it("accepts a certificate listed for any domain", () => {
      expect(decideInboundSender({ peer: trustedPeer, senderDomain: null, listedDns: [OTHER_DN, PEER_DN] })).toEqual({ isAccepted: true });
    });

    it("refuses a certificate listed nowhere", () => {
      const decision = decideInboundSender({ peer: trustedPeer, senderDomain: null, listedDns: [OTHER_DN] });
      expect(decision).toMatchObject({ isAccepted: false, code: 550, message: expect.stringContaining("any whitelisted domain") });
    });

    it("refuses when the whitelist is empty", () => {
      expect(decideInboundSender({ peer: trustedPeer, senderDomain: null, listedDns: [] })).toMatchObject({ isAccepted: false, code: 550 });
    });

    it("still requires STARTTLS and a trusted certificate", () => {
      expect(decideInboundSender({ peer: { ...trustedPeer, isTls: false }, senderDomain: null, listedDns: [PEER_DN] })).toMatchObject({ code: 530 });
      expect(decideInboundSender({ peer: { ...trustedPeer, isCertificateTrusted: false }, senderDomain: null, listedDns: [PEER_DN] })).toMatchObject({
        code: 550,
      });
    });
  });
});

describe("decideInboundRecipient", () => {
  const active: RecipientMailbox = { status: "active" };
  const base = { isDomainHosted: true, mailbox: active, recipientCount: 0, maxRecipients: 100 };

  it("accepts an active mailbox of a hosted domain", () => {
    expect(decideInboundRecipient(base)).toEqual({ isAccepted: true });
  });

  it.each([
    ["suspended", 550, "5.2.1 Mailbox suspended"],
    ["closed", 550, "5.1.1 Mailbox closed"],
  ] as const)("refuses a %s mailbox", (status, code, message) => {
    expect(decideInboundRecipient({ ...base, mailbox: { status } })).toEqual({ isAccepted: false, code, message });
  });

  it("refuses an unknown mailbox of a hosted domain (550 5.1.1)", () => {
    expect(decideInboundRecipient({ ...base, mailbox: null })).toEqual({ isAccepted: false, code: 550, message: "5.1.1 No such mailbox here" });
  });

  it("refuses to relay to a domain not hosted here, whatever the mailbox lookup says", () => {
    for (const mailbox of [null, active]) {
      expect(decideInboundRecipient({ ...base, isDomainHosted: false, mailbox })).toMatchObject({ isAccepted: false, code: 550, message: expect.stringContaining("Relaying denied") });
    }
  });

  it("defers recipients beyond the limit with 452, counting those already accepted", () => {
    expect(decideInboundRecipient({ ...base, recipientCount: 99 }).isAccepted).toBe(true);
    expect(decideInboundRecipient({ ...base, recipientCount: 100 })).toEqual({ isAccepted: false, code: 452, message: "4.5.3 Too many recipients" });
    expect(decideInboundRecipient({ ...base, recipientCount: 100, isDomainHosted: false })).toMatchObject({ code: 452 });
  });
});

describe("findBareLineEnding", () => {
  const at = (s: string) => findBareLineEnding(Buffer.from(s, "latin1"));

  it.each([
    ["an empty message", ""],
    ["CRLF only", "Subject: a\r\n\r\nbody\r\n"],
    ["no line ending at all", "Subject: a"],
    ["consecutive CRLFs", "\r\n\r\n\r\n"],
    ["a dot-stuffed line", "a\r\n..b\r\n"],
  ])("finds nothing in %s", (_case, sample) => {
    expect(at(sample)).toBe(-1);
  });

  it.each([
    ["a bare LF", "Subject: a\r\n\r\nline one\nline two\r\n", 22],
    ["a bare LF at the very start", "\nSubject: a\r\n", 0],
    ["a bare CR", "Subject: a\r\n\r\nline one\rline two\r\n", 22],
    ["a bare CR at the very end", "Subject: a\r\n\r\nbody\r", 18],
    ["LF CR (reversed)", "a\n\rb", 1],
    ["CR CR LF", "a\r\r\nb", 1],
    ["the smuggling sequence <LF>.<CR><LF>", "a\r\nhello\n.\r\nMAIL FROM:<x@y>\r\n", 8],
    ["the smuggling sequence <CR><LF>.<CR>", "a\r\n.\rMAIL FROM:<x@y>\r\n", 4],
  ])("finds %s", (_case, sample, index) => {
    expect(at(sample)).toBe(index);
  });

  it("finds a bare LF hidden deep in a large message", () => {
    const clean = `${"x".repeat(998)}\r\n`.repeat(20_000);
    const message = Buffer.from(`${clean}oops\n`, "latin1");
    expect(findBareLineEnding(message)).toBe(clean.length + 4);
    expect(findBareLineEnding(Buffer.from(clean, "latin1"))).toBe(-1);
  });

  it("looks at bytes, not characters: CR/LF bytes inside UTF-8 text are not hidden by multibyte sequences", () => {
    expect(findBareLineEnding(Buffer.from("été\nhiver\r\n", "utf8"))).toBe(5);
    expect(findBareLineEnding(Buffer.from([0xc3, 0xa9, 0x0d, 0x0a]))).toBe(-1);
  });
});
