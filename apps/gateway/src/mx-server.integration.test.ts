import { readFileSync } from "node:fs";
import { createDb, type Db } from "@mss/db/client";
import { createLogger } from "@mss/domain/config/logger";
import { createSpoolQueue, type TSpoolJob } from "@mss/domain/jobs/spool-queue";
import { createMailbox } from "@mss/domain/mailbox/create-mailbox";
import { certificateDnOf, createFactories, type TestTenant } from "@mss/domain/testing/factories";
import { getTestEnv, getTestImapConfig, type PkiName, pkiFile, uniqueQueuePrefix, uniqueSuffix } from "@mss/domain/testing/test-env";
import { waitFor } from "@mss/domain/testing/wait-for";
import { findStoredMessages } from "@mss/mail/testing/imap-probe";
import { composeTestMessage, type PeerSendResult, type PeerTls, RawSmtpClient, type SmtpReply, sendAsPeer } from "@mss/mail/testing/peer-client";
import type { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestWorker, stopTestWorker } from "../../worker/src/testing/start-test-worker";
import { startTestMx, type TestMx } from "./testing/start-test-mx";

const env = getTestEnv();
const db = createDb(env.DATABASE_URL, { maxConnections: 5 });
const logger = createLogger("it-gateway", env.TEST_LOG_LEVEL);
const prefix = uniqueQueuePrefix("mx");
const queue = createSpoolQueue({ redisUrl: env.REDIS_URL, prefix });
const f = createFactories(db);

const MAX_MESSAGE_BYTES = 256 * 1024;
const ca = readFileSync(pkiFile("ca"));
const peerTlsWith = (certificate: PkiName | null): PeerTls =>
  certificate === null ? { ca } : { ca, cert: readFileSync(pkiFile(certificate)), key: readFileSync(pkiFile(certificate, "key")) };
const listedPeer = peerTlsWith("peer");

let mx: TestMx;
let worker: Worker<TSpoolJob>;
let tenant: TestTenant;
/** A peer operator's domain, whitelisted for the DN of peer.pem. */
let peerDomain: string;

beforeAll(async () => {
  tenant = await f.tenant();
  peerDomain = f.foreignDomain("peer");
  await f.trust({ domain: peerDomain, certificate: "peer" });
  mx = await startTestMx({ db, queue, logger, maxMessageBytes: MAX_MESSAGE_BYTES });
  worker = startTestWorker({ db, prefix, logger });
});

afterAll(async () => {
  await stopTestWorker(worker);
  await mx.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await f.cleanup();
  await db.$disconnect();
});

function testMessage(to: string, { from = `dr.house@${peerDomain}`, body = ["Bonjour,", "Compte rendu en pièce jointe.", "Cordialement"] } = {}) {
  const messageId = `<${uniqueSuffix()}@${peerDomain}>`;
  const marker = `marker-${uniqueSuffix()}`;
  const raw = composeTestMessage({ from, to, subject: `Compte rendu ${marker}`, messageId, body: [...body, marker] });
  return { from, messageId, marker, raw };
}

/** Spool rows to or from this file's domains. */
const countSpooled = () => db.spooledMessage.count({ where: f.spoolWhere() });

async function expectRefusedWithoutSpooling(send: () => Promise<PeerSendResult>, code: number, response: RegExp) {
  const before = await countSpooled();
  const result = await send();
  expect(result).toMatchObject({ isAccepted: false, code });
  expect(result.isAccepted === false && result.response).toMatch(response);
  expect(await countSpooled()).toBe(before);
}

function spoolIdOf(response: string): string {
  const id = /queued as ([0-9a-f-]{36})/.exec(response)?.[1];
  if (!id) throw new Error(`no spool id in "${response}"`);
  return id;
}

const waitUntilDelivered = (spoolId: string, address: string) =>
  waitFor(`delivery of ${spoolId} to ${address}`, async () => {
    const recipient = await db.spoolRecipient.findUnique({ where: { spoolId_address: { spoolId, address } } });
    return recipient?.state === "delivered" ? recipient : undefined;
  });

/**
 * The same database, but each spool commit starts `delayMs` late: a 250 sent before the commit
 * would reach the peer while the row does not exist yet.
 */
function withSlowSpoolCommit(target: Db, delayMs: number): Db {
  const spooledMessage = new Proxy(target.spooledMessage, {
    get(delegate, property, receiver) {
      if (property !== "create") return Reflect.get(delegate, property, receiver);
      return async (args: Parameters<Db["spooledMessage"]["create"]>[0]) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return delegate.create(args);
      };
    },
  });
  return new Proxy(target, { get: (db, property, receiver) => (property === "spooledMessage" ? spooledMessage : Reflect.get(db, property, receiver)) });
}

describe("MX listener: a listed peer delivers to a local mailbox", () => {
  it("answers 250 only once the message is in the spool, then the worker delivers it to the INBOX over LMTP", async () => {
    const mailbox = await f.mailbox({ tenant });
    const message = testMessage(mailbox.address);
    const slowMx = await startTestMx({ db: withSlowSpoolCommit(db, 300), queue, logger, maxMessageBytes: MAX_MESSAGE_BYTES });

    const result = await sendAsPeer({ port: slowMx.port, tls: listedPeer, from: message.from, to: [mailbox.address], raw: message.raw }).finally(() =>
      slowMx.close(),
    );

    expect(result).toMatchObject({ isAccepted: true, response: expect.stringMatching(/^250 /) });
    // Checked right after the 250: the row and its recipients are already committed.
    const spooled = await db.spooledMessage.findFirst({ where: { messageId: message.messageId }, include: { recipients: true } });
    expect(spooled).toMatchObject({
      direction: "inbound",
      mailFrom: message.from,
      messageId: message.messageId,
      peerCertificateDn: certificateDnOf(pkiFile("peer")),
      tlsProtocol: expect.stringMatching(/^TLSv1\.[23]$/),
    });
    expect(Buffer.from(spooled!.raw).toString("utf8")).toBe(message.raw);
    expect(spooled!.recipients).toEqual([expect.objectContaining({ address: mailbox.address, isLocal: true, tenantId: tenant.id })]);
    const spoolId = spoolIdOf(result.isAccepted ? result.response : "");
    expect(spoolId).toBe(spooled!.id);

    const recipient = await waitUntilDelivered(spoolId, mailbox.address);
    expect(recipient.attempts).toBe(1);
    expect(recipient.deliveredAt).not.toBeNull();
    const stored = await findStoredMessages({ imap: getTestImapConfig(), mailboxAddress: mailbox.address, folder: "INBOX", messageId: message.messageId });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.source).toContain(message.marker);
  });

  it("delivers to a mailbox a tenant admin has just created (Dovecot reads accounts from PostgreSQL)", async () => {
    const admin = await f.tenantAdmin(tenant);
    const created = await createMailbox({
      db,
      actor: admin,
      tenantId: tenant.id,
      input: { type: "ORG", localPart: `accueil-${uniqueSuffix()}`, domainId: tenant.domain.id, displayName: "Accueil des urgences" },
    });
    const message = testMessage(created.address);

    const result = await sendAsPeer({ port: mx.port, tls: listedPeer, from: message.from, to: [created.address], raw: message.raw });

    expect(result.isAccepted).toBe(true);
    await waitUntilDelivered(spoolIdOf(result.isAccepted ? result.response : ""), created.address);
    const stored = await findStoredMessages({ imap: getTestImapConfig(), mailboxAddress: created.address, folder: "INBOX", messageId: message.messageId });
    expect(stored.map((m) => m.source)).toEqual([expect.stringContaining(message.marker)]);
  });
});

describe("MX listener: refusals store nothing", () => {
  it("refuses MAIL FROM without STARTTLS (530)", async () => {
    const mailbox = await f.mailbox({ tenant });
    const m = testMessage(mailbox.address);
    await expectRefusedWithoutSpooling(
      () => sendAsPeer({ port: mx.port, tls: listedPeer, isStartTlsUsed: false, from: m.from, to: [mailbox.address], raw: m.raw }),
      530,
      /STARTTLS/,
    );
  });

  it("refuses a peer without a client certificate (550)", async () => {
    const mailbox = await f.mailbox({ tenant });
    const m = testMessage(mailbox.address);
    await expectRefusedWithoutSpooling(
      () => sendAsPeer({ port: mx.port, tls: peerTlsWith(null), from: m.from, to: [mailbox.address], raw: m.raw }),
      550,
      /client certificate is required/i,
    );
  });

  it("refuses a certificate from an unknown CA even with the DN of a listed peer (550)", async () => {
    const mailbox = await f.mailbox({ tenant });
    const m = testMessage(mailbox.address);
    // rogue-peer.pem carries exactly the subject of peer.pem, issued by a CA nobody trusts.
    expect(certificateDnOf(pkiFile("rogue-peer"))).toBe(certificateDnOf(pkiFile("peer")));
    await expectRefusedWithoutSpooling(
      () => sendAsPeer({ port: mx.port, tls: peerTlsWith("rogue-peer"), from: m.from, to: [mailbox.address], raw: m.raw }),
      550,
      /not trusted/i,
    );
  });

  it("refuses a valid certificate whose DN is not listed for the sender's domain (550)", async () => {
    const mailbox = await f.mailbox({ tenant });
    const m = testMessage(mailbox.address);
    await expectRefusedWithoutSpooling(
      () => sendAsPeer({ port: mx.port, tls: peerTlsWith("unlisted-peer"), from: m.from, to: [mailbox.address], raw: m.raw }),
      550,
      /is not listed for/,
    );
  });

  it("refuses a listed certificate sending for another whitelisted domain it is not listed for (550)", async () => {
    const otherDomain = f.foreignDomain("other");
    await f.trust({ domain: otherDomain, certificate: "unlisted-peer" });
    const mailbox = await f.mailbox({ tenant });
    const m = testMessage(mailbox.address, { from: `secretariat@${otherDomain}` });
    await expectRefusedWithoutSpooling(
      () => sendAsPeer({ port: mx.port, tls: listedPeer, from: m.from, to: [mailbox.address], raw: m.raw }),
      550,
      new RegExp(`is not listed for ${otherDomain.replace(/\./g, "\\.")}`),
    );
  });

  it("refuses a sender domain absent from the whitelist (550)", async () => {
    const stranger = f.foreignDomain("stranger");
    const mailbox = await f.mailbox({ tenant });
    const m = testMessage(mailbox.address, { from: `contact@${stranger}` });
    await expectRefusedWithoutSpooling(
      () => sendAsPeer({ port: mx.port, tls: listedPeer, from: m.from, to: [mailbox.address], raw: m.raw }),
      550,
      /not in the MSSante whitelist/,
    );
  });

  it("refuses an unknown recipient of a hosted domain (550 5.1.1)", async () => {
    const address = `inconnu-${uniqueSuffix()}@${tenant.domain.name}`;
    const m = testMessage(address);
    await expectRefusedWithoutSpooling(() => sendAsPeer({ port: mx.port, tls: listedPeer, from: m.from, to: [address], raw: m.raw }), 550, /5\.1\.1/);
  });

  it("is no open relay: a recipient on a domain not hosted here is refused (550)", async () => {
    const address = `quelquun@${f.foreignDomain("elsewhere")}`;
    const m = testMessage(address);
    await expectRefusedWithoutSpooling(
      () => sendAsPeer({ port: mx.port, tls: listedPeer, from: m.from, to: [address], raw: m.raw }),
      550,
      /Relaying denied/,
    );
  });

  it("refuses a suspended mailbox (550 5.2.1)", async () => {
    const mailbox = await f.mailbox({ tenant, status: "suspended" });
    const m = testMessage(mailbox.address);
    await expectRefusedWithoutSpooling(() => sendAsPeer({ port: mx.port, tls: listedPeer, from: m.from, to: [mailbox.address], raw: m.raw }), 550, /5\.2\.1/);
  });

  it("refuses a message larger than the limit (552)", async () => {
    const mailbox = await f.mailbox({ tenant });
    const line = "x".repeat(998);
    const m = testMessage(mailbox.address, { body: Array.from({ length: Math.ceil(MAX_MESSAGE_BYTES / 1000) + 10 }, () => line) });
    await expectRefusedWithoutSpooling(() => sendAsPeer({ port: mx.port, tls: listedPeer, from: m.from, to: [mailbox.address], raw: m.raw }), 552, /size/i);
  });

  describe("hand-written SMTP sessions", () => {
    let client: RawSmtpClient | null = null;
    afterAll(() => client?.close());

    /** Up to DATA as a listed peer; returns the reply to DATA. */
    async function openTransaction(recipient: string): Promise<{ client: RawSmtpClient; data: SmtpReply }> {
      const { client: c, greeting } = await RawSmtpClient.connect(mx.port);
      client = c;
      expect(greeting.code).toBe(220);
      expect((await c.command("EHLO mta.peer.mssante.test")).code).toBe(250);
      await c.startTls(listedPeer);
      expect((await c.command("EHLO mta.peer.mssante.test")).code).toBe(250);
      expect((await c.command(`MAIL FROM:<dr.house@${peerDomain}>`)).code).toBe(250);
      expect((await c.command(`RCPT TO:<${recipient}>`)).code).toBe(250);
      return { client: c, data: await c.command("DATA") };
    }

    it("refuses a bare LF in DATA (550)", async () => {
      const mailbox = await f.mailbox({ tenant });
      const before = await countSpooled();
      const { client: c, data } = await openTransaction(mailbox.address);
      expect(data.code).toBe(354);

      c.write(`Subject: bare LF\r\nMessage-ID: <${uniqueSuffix()}@${peerDomain}>\r\n\r\nline one\nline two\r\n.\r\n`);
      const reply = await c.readReply();

      expect(reply.code).toBe(550);
      expect(reply.text).toMatch(/Bare CR or LF/);
      expect(await countSpooled()).toBe(before);
      c.close();
    });

    it("refuses an SMTP smuggling attempt (<LF>.<CR><LF>) as one bad message, never as two", async () => {
      const mailbox = await f.mailbox({ tenant });
      const victim = await f.mailbox({ tenant });
      const before = await countSpooled();
      const { client: c, data } = await openTransaction(mailbox.address);
      expect(data.code).toBe(354);

      c.write(
        [
          "Subject: first",
          "",
          "hello\n.",
          `MAIL FROM:<ceo@${peerDomain}>`,
          `RCPT TO:<${victim.address}>`,
          "DATA",
          "Subject: smuggled",
          "",
          "pay now",
          ".",
          "",
        ].join("\r\n"),
      );
      const reply = await c.readReply();

      expect(reply.code).toBe(550);
      expect(await countSpooled()).toBe(before);
      // The next reply is RSET's own: no reply to a hidden second transaction is pending.
      expect(await c.command("RSET")).toEqual({ code: 250, text: "Flushed" });
      c.close();
    });

    it("refuses undeclared oversized DATA at the end of the transfer (552)", async () => {
      const mailbox = await f.mailbox({ tenant });
      const before = await countSpooled();
      const { client: c, data } = await openTransaction(mailbox.address);
      expect(data.code).toBe(354);

      const line = `${"y".repeat(998)}\r\n`;
      c.write(`Subject: big\r\n\r\n${line.repeat(Math.ceil(MAX_MESSAGE_BYTES / line.length) + 5)}.\r\n`);
      const reply = await c.readReply();

      expect(reply.code).toBe(552);
      expect(await countSpooled()).toBe(before);
      c.close();
    });
  });
});
