import { simpleParser } from "mailparser";
import { sanitizeMailHtml } from "./sanitize-mail-html";

export interface ParsedAddress {
  name: string;
  address: string;
}

export interface ParsedMessage {
  messageId: string | null;
  subject: string;
  from: ParsedAddress[];
  to: ParsedAddress[];
  cc: ParsedAddress[];
  date: Date | null;
  text: string;
  /** Already sanitised; safe to render. Null when the message has no HTML part. */
  safeHtml: string | null;
  references: string[];
  attachments: Array<{ filename: string; contentType: string; size: number }>;
}

type AddressField = { value: Array<{ name?: string; address?: string }> } | Array<{ value: Array<{ name?: string; address?: string }> }> | undefined;

function addresses(field: AddressField): ParsedAddress[] {
  if (!field) return [];
  const groups = Array.isArray(field) ? field : [field];
  return groups.flatMap((g) => g.value).map((v) => ({ name: v.name ?? "", address: (v.address ?? "").toLowerCase() }));
}

/**
 * Parses a stored message. HTML larger than `maxHtmlBytes` is not rendered (sanitising it would
 * hold the web server for seconds): the text part is shown instead.
 */
export async function parseMessage(raw: Buffer, { maxHtmlBytes = 2 * 1024 * 1024 }: { maxHtmlBytes?: number } = {}): Promise<ParsedMessage> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const references = Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [];
  return {
    messageId: mail.messageId ?? null,
    subject: mail.subject ?? "",
    from: addresses(mail.from as AddressField),
    to: addresses(mail.to as AddressField),
    cc: addresses(mail.cc as AddressField),
    date: mail.date ?? null,
    text: mail.text ?? "",
    safeHtml: typeof mail.html === "string" && Buffer.byteLength(mail.html) <= maxHtmlBytes ? sanitizeMailHtml(mail.html) : null,
    references,
    attachments: mail.attachments.map((a) => ({ filename: a.filename ?? "piece-jointe", contentType: a.contentType, size: a.size })),
  };
}
