import type { Db } from "@mss/db/client";

/**
 * Whitelist DNs allowed to send for `domain`; for a null reverse-path (bounces) every DN of
 * the whitelist, since a bounce has no sender domain to match.
 */
export async function findListedDns({ db, domain }: { db: Db; domain: string | null }): Promise<string[]> {
  const rows = await db.trustedDomain.findMany({
    where: domain === null ? {} : { domain: domain.toLowerCase() },
    select: { certificateDn: true },
    distinct: ["certificateDn"],
  });
  return rows.map((row) => row.certificateDn);
}

/** True when the whitelist lists the domain (any DN). */
export async function isDomainWhitelisted({ db, domain }: { db: Db; domain: string }): Promise<boolean> {
  const row = await db.trustedDomain.findFirst({ where: { domain: domain.toLowerCase() }, select: { id: true } });
  return row !== null;
}
