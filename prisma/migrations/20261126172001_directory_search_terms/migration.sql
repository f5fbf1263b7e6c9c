-- Typo tolerance at national scale (search-directory.ts). A trigram index over a million
-- entries answers "mertin" slowly: its common trigrams ("  m", "in ") hit most rows. The
-- distinct name keys are few (surnames, first names, services, structure names): trigram
-- search among them, then fetch the entries of the closest keys through the btree indexes.
-- Refreshed after each directory sync (refreshDirectorySearchTerms).
CREATE MATERIALIZED VIEW "directory_search_term" AS
  SELECT DISTINCT term FROM (
    SELECT directory_normalize("lastName") AS term FROM "directory_entry"
    UNION ALL SELECT directory_normalize("firstName") FROM "directory_entry"
    UNION ALL SELECT directory_normalize("service") FROM "directory_entry" WHERE "mailboxType" <> 'PER'
    UNION ALL SELECT directory_normalize("organizationName") FROM "directory_entry" WHERE "mailboxType" <> 'PER'
  ) terms
  WHERE term IS NOT NULL AND term <> '';

-- REFRESH ... CONCURRENTLY needs a unique index; searches keep reading the old rows meanwhile.
CREATE UNIQUE INDEX "directory_search_term_term_key" ON "directory_search_term" (term);
CREATE INDEX "directory_search_term_trgm_idx" ON "directory_search_term" USING gin (term gin_trgm_ops);

-- Superseded by the above (and costly for the sync to maintain): the whole-entry trigram index.
DROP INDEX IF EXISTS "directory_entry_search_names_trgm_idx";
