import nodemailer from "nodemailer";
import { outcomeOfFailure, type RecipientOutcome, toRecipientOutcomes } from "../smtp/transfer-result";

/** Delivers one raw message to local mailboxes through Dovecot's LMTP (STARTTLS on loopback). */
export async function deliverOverLmtp({
  host,
  port,
  ca,
  from,
  recipients,
  raw,
}: {
  host: string;
  port: number;
  ca: Buffer;
  from: string;
  recipients: string[];
  raw: Buffer;
}): Promise<RecipientOutcome[]> {
  const transport = nodemailer.createTransport({ lmtp: true, host, port, tls: { ca, servername: "localhost" } } as never);
  try {
    const info = await transport.sendMail({ envelope: { from, to: recipients }, raw });
    return toRecipientOutcomes(recipients, info as never);
  } catch (error) {
    return outcomeOfFailure(recipients, error);
  } finally {
    transport.close();
  }
}
