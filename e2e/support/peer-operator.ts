import { X509Certificate } from "node:crypto";
import type { TLSSocket } from "node:tls";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { E2E, pem } from "./env";

/**
 * The other side of the trust space: another operator's MTA, with its own certificate from
 * the dev CA. It sends to our MX with STARTTLS and its client certificate, and receives our
 * relayed mail on a server that requires and checks our client certificate.
 */
export async function sendAsPeer({ from, to, subject, text }: { from: string; to: string; subject: string; text: string }) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: E2E.MX_PORT,
    secure: false,
    requireTLS: true,
    tls: { ca: pem("ca.pem"), cert: pem("peer.pem"), key: pem("peer-key.pem"), servername: "localhost" },
  });
  try {
    return await transport.sendMail({ from, to, subject, text });
  } finally {
    transport.close();
  }
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

export async function startPeerServer(): Promise<{ received: ReceivedByPeer[]; close: () => Promise<void> }> {
  const received: ReceivedByPeer[] = [];
  const certificates = new Map<string, { dn: string | null; isTrusted: boolean }>();
  const server = new SMTPServer({
    secure: false,
    key: pem("peer-key.pem"),
    cert: pem("peer.pem"),
    ca: pem("ca.pem"),
    requestCert: true,
    rejectUnauthorized: false,
    authOptional: true,
    disabledCommands: ["AUTH"],
    logger: false,
    onSecure(socket, session, callback) {
      const tls = socket as TLSSocket;
      const raw = tls.getPeerCertificate()?.raw;
      certificates.set(session.id, { dn: raw ? new X509Certificate(raw).subject.split("\n").join(",") : null, isTrusted: tls.authorized });
      callback();
    },
    onMailFrom(_address, session, callback) {
      const certificate = certificates.get(session.id);
      if (!session.secure) return callback(Object.assign(new Error("5.7.0 STARTTLS required"), { responseCode: 530 }));
      if (!certificate?.isTrusted) return callback(Object.assign(new Error("5.7.1 Client certificate required"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const certificate = certificates.get(session.id);
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            inReplyTo: mail.inReplyTo,
            clientCertificateDn: certificate?.dn ?? null,
            isClientCertificateTrusted: certificate?.isTrusted ?? false,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(E2E.PEER_PORT, "127.0.0.1", resolve));
  return { received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
