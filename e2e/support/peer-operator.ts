import { randomUUID } from "node:crypto";
import { composeTestMessage, sendAsPeer as sendToMx } from "@mss/mail/testing/peer-client";
import { type PeerMta, startPeerMta } from "@mss/mail/testing/peer-mta";
import { dnFromSubject } from "@mss/domain/trust/distinguished-name";
import { simpleParser } from "mailparser";
import { E2E, pem } from "./env";

/**
 * The other side of the trust space: another operator's MTA with its own certificate from the
 * dev CA. It sends to our MX with STARTTLS and its client certificate, and receives our relayed
 * mail on the port RELAY_ROUTES points to, requiring a client certificate from the dev CA.
 */
export async function sendAsPeer({ from, to, subject, text }: { from: string; to: string; subject: string; text: string }) {
  const raw = composeTestMessage({ from, to, subject, messageId: `<${randomUUID()}@operateur-pair.mssante.fr>`, body: [text] });
  return sendToMx({ port: E2E.MX_PORT, tls: { ca: pem("ca.pem"), cert: pem("peer.pem"), key: pem("peer-key.pem") }, from, to: [to], raw });
}

export interface ReceivedByPeer {
  from: string;
  to: string[];
  subject: string;
  text: string;
  inReplyTo: string | undefined;
  clientCertificateDn: string | null;
  isClientCertificateTrusted: boolean;
}

export async function startPeerServer(): Promise<{ findReceived: (subject: string) => Promise<ReceivedByPeer | undefined>; close: () => Promise<void> }> {
  const peer: PeerMta = await startPeerMta({ cert: pem("peer.pem"), key: pem("peer-key.pem"), clientCa: pem("ca.pem"), port: E2E.PEER_PORT });
  return {
    async findReceived(subject) {
      for (const message of peer.received) {
        const mail = await simpleParser(message.raw);
        if (mail.subject !== subject) continue;
        return {
          from: message.from,
          to: message.to,
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          inReplyTo: mail.inReplyTo,
          clientCertificateDn: message.session.clientSubject ? dnFromSubject(message.session.clientSubject) : null,
          isClientCertificateTrusted: message.session.isClientTrusted,
        };
      }
      return undefined;
    },
    close: () => peer.close(),
  };
}
