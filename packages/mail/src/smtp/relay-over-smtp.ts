import { isIP } from "node:net";
import nodemailer from "nodemailer";
import { TLS_POLICY, type TlsMaterial } from "../tls/tls-material";
import { outcomeOfFailure, type RecipientOutcome, toRecipientOutcomes } from "./transfer-result";

/**
 * Relays to a peer operator: STARTTLS is required, our certificate is presented as client
 * certificate, and the peer's certificate must chain to the trust anchors and match its name.
 */
export async function relayOverSmtp({
  host,
  port,
  serverName,
  heloName,
  tls,
  from,
  recipients,
  raw,
}: {
  host: string;
  port: number;
  serverName: string;
  heloName: string;
  tls: TlsMaterial;
  from: string;
  recipients: string[];
  raw: Buffer;
}): Promise<RecipientOutcome[]> {
  const transport = nodemailer.createTransport({
    host,
    port,
    name: heloName,
    secure: false,
    requireTLS: true,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
    tls: {
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      // SNI carries host names only (RFC 6066); for an IP the certificate is checked against it.
      servername: isIP(serverName) ? undefined : serverName,
      rejectUnauthorized: true,
      minVersion: TLS_POLICY.minVersion,
      ciphers: TLS_POLICY.ciphers,
    },
  });
  try {
    const info = await transport.sendMail({ envelope: { from, to: recipients }, raw });
    return toRecipientOutcomes(recipients, info as never);
  } catch (error) {
    return outcomeOfFailure(recipients, error);
  } finally {
    transport.close();
  }
}
