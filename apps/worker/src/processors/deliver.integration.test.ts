import { readFileSync } from "node:fs";
import { createDb } from "@mss/db/client";
import type { RecipientState } from "@mss/db/types";
import type { Actor } from "@mss/domain/actor/actor";
import { createLogger } from "@mss/domain/config/logger";
import { parseRelayRoutes } from "@mss/domain/delivery/resolve-next-hop";
import { AppError } from "@mss/domain/errors/app-error";
import { createSpoolQueue, enqueueSpoolDelivery, type TSpoolJob } from "@mss/domain/jobs/spool-queue";
import { sendMessage } from "@mss/domain/message/send-message";
import { certificateDnOf, createFactories, type TestMailbox } from "@mss/domain/testing/factories";
import { getTestEnv, getTestImapConfig, pkiFile, uniqueQueuePrefix, uniqueSuffix } from "@mss/domain/testing/test-env";
import { waitFor } from "@mss/domain/testing/wait-for";
import { dnFromSubject } from "@mss/domain/trust/distinguished-name";
import { findStoredMessages } from "@mss/mail/testing/imap-probe";
import { type PeerMta, startPeerMta } from "@mss/mail/testing/peer-mta";
import type { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestWorker, stopTestWorker } from "../testing/start-test-worker";

const env = getTestEnv();
const db = createDb(env.DATABASE_URL, { maxConnections: 5 });
const logger = createLogger("it-relay", env.TEST_LOG_LEVEL);
const prefix = uniqueQueuePrefix("relay");
const queue = createSpoolQueue({ redisUrl: env.REDIS_URL, prefix });
const f = createFactories(db);
const pem = (name: Parameters<typeof pkiFile>[0], part: "cert" | "key" = "cert") => readFileSync(pkiFile(name, part));
const platformDn = certificateDnOf(pkiFile("platform"));

/** A peer that checks our certificate chains to the dev CA and carries the platform's DN. */
let peer: PeerMta;
/** A peer that trusts another CA only: the TLS handshake with our certificate fails. */
let refusingPeer: PeerMta;
/** A peer whose server certificate comes from the rogue CA: we must not talk to it. */
let roguePeer: PeerMta;
const domains = { peer: "", refusing: "", rogue: "" };
let worker: Worker<TSpoolJob>;
let sender: { mailbox: TestMailbox; actor: Actor };

beforeAll(async () => {
  [peer, refusingPeer, roguePeer] = await Promise.all([
    startPeerMta({ cert: pem("peer"), key: pem("peer", "key"), clientCa: pem("ca"), acceptClient: (s) => s.clientSubject !== null && dnFromSubject(s.clientSubject) === platformDn }),
    startPeerMta({ cert: pem("peer"), key: pem("peer", "key"), clientCa: pem("rogue-ca") }),
    startPeerMta({ cert: pem("rogue-peer"), key: pem("rogue-peer", "key"), clientCa: pem("ca") }),
  ]);
  domains.peer = f.foreignDomain("peer");
  domains.refusing = f.foreignDomain("refusing");
  domains.rogue = f.foreignDomain("rogue");
  for (const domain of Object.values(domains)) await f.trust({ domain, certificate: "peer" });
  const routes = parseRelayRoutes(
    `${domains.peer}=127.0.0.1:${peer.port}, ${domains.refusing}=127.0.0.1:${refusingPeer.port}, ${domains.rogue}=127.0.0.1:${roguePeer.port}`,
  );
  worker = startTestWorker({ db, prefix, logger, routes });
  sender = await f.professionalWithMailbox({ tenant: await f.tenant() });
});

afterAll(async () => {
  await stopTestWorker(worker);
  await Promise.all([peer.close(), refusingPeer.close(), roguePeer.close()]);
  await queue.obliterate({ force: true });
  await queue.close();
  await f.cleanup();
  await db.$disconnect();
});

const retry = { attempts: 2, backoffMs: 100 };
const enqueue = (spoolId: string) => enqueueSpoolDelivery(queue, spoolId, retry);

function send(to: string, enqueueFn = enqueue) {
  const marker = `marker-${uniqueSuffix()}`;
  return sendMessage({
    db,
    actor: sender.actor,
    input: { mailboxId: sender.mailbox.id, to, subject: `Adressage patient ${marker}`, text: `Cher confrère,\n${marker}\n` },
    enqueue: enqueueFn,
  }).then((sent) => ({ ...sent, marker }));
}

const recipientOf = (spoolId: string, address: string) => db.spoolRecipient.findUnique({ where: { spoolId_address: { spoolId, address } } });

async function waitForState(spoolId: string, address: string, states: RecipientState[]) {
  return waitFor(`${address} in state ${states.join("|")}`, async () => {
    const r = await recipientOf(spoolId, address);
    return r && states.includes(r.state) ? r : undefined;
  });
}

describe("outbound relay to a peer operator of the trust space", () => {
  it("relays over STARTTLS with the platform certificate and stores a copy in Sent", async () => {
    const to = `dr.confrere@${domains.peer}`;

    const { spoolId, messageId, marker } = await send(to);

    const delivered = await waitForState(spoolId, to, ["delivered", "failed"]);
    expect(delivered.state).toBe("delivered");
    const received = peer.received.filter((m) => m.raw.toString("utf8").includes(marker));
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message!.from).toBe(sender.mailbox.address);
    expect(message!.to).toEqual([to]);
    expect(message!.raw.toString("utf8")).toContain(marker);
    expect(message!.raw.toString("utf8")).toContain(messageId);
    expect(message!.session.isClientTrusted).toBe(true);
    expect(dnFromSubject(message!.session.clientSubject ?? {})).toBe(platformDn);

    await waitFor("Sent copy", async () => (await db.spooledMessage.findUnique({ where: { id: spoolId } }))?.sentCopyStoredAt ?? undefined);
    const sent = await findStoredMessages({ imap: getTestImapConfig(), mailboxAddress: sender.mailbox.address, folder: "Sent", messageId });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.source).toContain(marker);
  });

  it("never delivers to a peer that refuses the platform's client certificate", async () => {
    const to = `dr.refus@${domains.refusing}`;

    const { spoolId } = await send(to);

    // Deferred on each attempt, failed once the retries are exhausted; never delivered.
    const settled = await waitForState(spoolId, to, ["delivered", "failed"]);
    expect(settled.state).toBe("failed");
    expect(settled.attempts).toBe(retry.attempts);
    expect(settled.deliveredAt).toBeNull();
    expect(refusingPeer.received).toHaveLength(0);
  });

  it("never delivers to a peer whose server certificate comes from an untrusted CA", async () => {
    const to = `dr.imposteur@${domains.rogue}`;

    const { spoolId } = await send(to);

    // Deferred on each attempt, failed once the retries are exhausted; never delivered.
    const settled = await waitForState(spoolId, to, ["delivered", "failed"]);
    expect(settled.state).toBe("failed");
    expect(settled.attempts).toBe(retry.attempts);
    expect(roguePeer.received).toHaveLength(0);
    expect(roguePeer.sessions.filter((s) => s.isClientTrusted)).toHaveLength(0);
  });
});

describe("sendMessage keeps the trust space closed", () => {
  it.each([
    ["a domain neither whitelisted nor hosted", () => `quelquun@${f.foreignDomain("gmail")}`],
    ["one outsider among whitelisted recipients", () => `dr.confrere@${domains.peer}, quelquun@${f.foreignDomain("outside")}`],
  ])("refuses %s with RECIPIENT_OUTSIDE_TRUST_SPACE and spools nothing", async (_case, recipients) => {
    const to = recipients();
    const before = await db.spooledMessage.count({ where: { fromMailboxId: sender.mailbox.id } });
    const enqueued: string[] = [];

    const attempt = send(to, async (id) => {
      enqueued.push(id);
    });

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "RECIPIENT_OUTSIDE_TRUST_SPACE" });
    expect(await db.spooledMessage.count({ where: { fromMailboxId: sender.mailbox.id } })).toBe(before);
    expect(enqueued).toEqual([]);
  });
});
