import type { Db } from "@mss/db/client";
import { Prisma } from "@mss/db/types";
import { z } from "zod";
import type { Actor } from "../actor/actor";
import { AppError } from "../errors/app-error";
import { domainOf } from "../mailbox/address";
import { findAccessibleMailboxes } from "../mailbox/find-accessible-mailboxes";
import { normalizeSearchText } from "./normalize-search-text";
import { searchDirectory } from "./search-directory";

/** How far back "recent correspondents" go. */
const RECENT_DAYS = 180;
const MAX_RECENT = 5;

export const ZSuggestRecipientsInput = z.object({
  text: z.string().trim().min(1, "Tapez au moins un caractère").max(100, "Recherche trop longue"),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export type TSuggestRecipientsInput = z.input<typeof ZSuggestRecipientsInput>;

export interface RecipientSuggestion {
  address: string;
  /** Name to show: "Dr Jeanne MARTIN", a service, or the address itself when nothing is known. */
  displayName: string;
  mailboxType: string | null;
  organization: string | null;
  /** The actor (through one of their mailboxes) wrote to this address recently. */
  isRecent: boolean;
  /** Hosted on this platform. */
  isLocal: boolean;
  /** Neither hosted here nor on a whitelisted domain: sending would be refused. */
  isOutsideTrustSpace: boolean;
}

interface RecentRow {
  address: string;
  lastName: string | null;
  firstName: string | null;
  service: string | null;
  localDisplayName: string | null;
  mailboxType: string | null;
  organization: string | null;
  isLocal: boolean;
}

/**
 * Addresses the actor wrote to recently from the mailboxes they may open, whose address or
 * names start with the text. Scoped by mailbox id: another tenant's or another user's
 * correspondents never show.
 */
async function findRecentCorrespondents({ db, mailboxIds, text }: { db: Db; mailboxIds: string[]; text: string }): Promise<RecentRow[]> {
  if (mailboxIds.length === 0) return [];
  const pattern = `% ${text}%`;
  return db.$queryRaw<RecentRow[]>`
    SELECT r.address, max(s."createdAt") AS "lastUsedAt",
      min(e."lastName") AS "lastName", min(e."firstName") AS "firstName", min(e.service) AS service,
      min(m."displayName") AS "localDisplayName", coalesce(min(e."mailboxType"), min(m.type::text)) AS "mailboxType",
      min(e."organizationName") AS organization, bool_or(m.id IS NOT NULL) AS "isLocal"
    FROM spooled_message s
    JOIN spool_recipient r ON r."spoolId" = s.id
    LEFT JOIN directory_entry e ON e.address = r.address
    LEFT JOIN mailbox m ON m.address = r.address AND m.status = 'active'
    WHERE s.direction = 'outbound' AND s."fromMailboxId" IN (${Prisma.join(mailboxIds)})
      AND s."createdAt" > now() - make_interval(days => ${RECENT_DAYS})
      AND (' ' || directory_normalize(r.address) || ' ' || directory_search_names(e."lastName", e."firstName", e.service, m."displayName")) LIKE ${pattern}
    GROUP BY r.address
    ORDER BY max(s."createdAt") DESC, r.address
    LIMIT ${MAX_RECENT}`;
}

/** Domains among `domains` that are in the trust space (hosted here or whitelisted), in one query. */
async function findTrustedDomains({ db, domains }: { db: Db; domains: string[] }): Promise<Set<string>> {
  if (domains.length === 0) return new Set();
  const list = Prisma.join(domains);
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT name FROM domain WHERE name IN (${list})
    UNION SELECT domain FROM trusted_domain WHERE domain IN (${list})`;
  return new Set(rows.map((r) => r.name));
}

function personName(lastName: string | null, firstName: string | null): string | null {
  const name = [firstName, lastName].filter(Boolean).join(" ");
  return name === "" ? null : name;
}

/**
 * Compose autocomplete: the actor's recent correspondents first, then directory matches
 * (national directory and our own mailboxes), each with its mailbox type and organisation,
 * and marked when outside the trust space.
 */
export async function suggestRecipients({ db, actor, input }: { db: Db; actor: Actor; input: TSuggestRecipientsInput }): Promise<RecipientSuggestion[]> {
  const parsed = ZSuggestRecipientsInput.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues.map((i) => i.message).join(" · "));
  const { limit } = parsed.data;
  const text = normalizeSearchText(parsed.data.text);
  if (text === "") return [];

  // Only mailboxes the actor may send from: a delegate with other rights does not learn whom
  // the holder writes to.
  const mailboxes = (await findAccessibleMailboxes({ db, actor })).filter((m) => m.rights.includes("send"));
  const [recent, directory] = await Promise.all([
    findRecentCorrespondents({ db, mailboxIds: mailboxes.map((m) => m.id), text }),
    searchDirectory({ db, query: { text: parsed.data.text, pageSize: limit } }),
  ]);

  const suggestions: Omit<RecipientSuggestion, "isOutsideTrustSpace">[] = recent.map((r) => ({
    address: r.address,
    displayName: personName(r.lastName, r.firstName) ?? r.service ?? r.localDisplayName ?? r.address,
    mailboxType: r.mailboxType,
    organization: r.organization,
    isRecent: true,
    isLocal: r.isLocal,
  }));
  for (const hit of directory.hits) {
    if (suggestions.length >= limit) break;
    if (suggestions.some((s) => s.address === hit.address)) continue;
    suggestions.push({
      address: hit.address,
      displayName: personName(hit.lastName, hit.firstName) ?? hit.service ?? hit.organization ?? hit.address,
      mailboxType: hit.mailboxType,
      organization: hit.organization,
      isRecent: false,
      isLocal: hit.isLocal,
    });
  }

  const trusted = await findTrustedDomains({ db, domains: [...new Set(suggestions.map((s) => domainOf(s.address)))] });
  return suggestions.slice(0, limit).map((s) => ({ ...s, isOutsideTrustSpace: !trusted.has(domainOf(s.address)) }));
}
