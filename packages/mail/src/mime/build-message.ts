import MailComposer from "nodemailer/lib/mail-composer/index.js";

export interface OutgoingMessage {
  from: { name: string; address: string };
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  inReplyTo?: string | null;
  references?: string[];
  messageIdDomain: string;
}

/** Builds the RFC 5322 message the platform spools; returns its bytes and Message-ID. */
export async function buildMessage(message: OutgoingMessage): Promise<{ raw: Buffer; messageId: string }> {
  const messageId = `<${crypto.randomUUID()}@${message.messageIdDomain}>`;
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    text: message.text,
    messageId,
    inReplyTo: message.inReplyTo ?? undefined,
    references: message.references && message.references.length > 0 ? message.references : undefined,
    date: new Date(),
    headers: { "X-Mailer": "MSSante Operator Webmail" },
  });
  const raw = await new Promise<Buffer>((resolve, reject) => {
    composer.compile().build((error, output) => (error ? reject(error) : resolve(output)));
  });
  return { raw, messageId };
}
