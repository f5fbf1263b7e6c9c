import type { Db } from "@mss/db/client";

/**
 * Rebuilds the distinct name keys that typo-tolerant search expands from (materialized view
 * `directory_search_term`). Call after each directory sync commits; searches keep reading the
 * previous keys while it runs (CONCURRENTLY), and a new surname is found by prefix meanwhile.
 */
export async function refreshDirectorySearchTerms({ db }: { db: Db }): Promise<void> {
  await db.$executeRawUnsafe("REFRESH MATERIALIZED VIEW CONCURRENTLY directory_search_term");
}
