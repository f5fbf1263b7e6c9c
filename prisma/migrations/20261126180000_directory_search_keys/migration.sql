-- Search keys stored once per row instead of recomputed by every expression index, by the
-- search-term view and, for sorting, by every query: directory_normalize() (unaccent and a
-- regexp) was most of the cost of a sync's index builds and of filtered searches, which sort a
-- few thousand candidate rows. Generated columns keep the sync unchanged (it never lists them).
-- In C collation: prefix matching is a range scan ([t, t || '{'), keys hold only [a-z0-9 ]).
ALTER TABLE "directory_entry"
  ADD COLUMN "lastNameKey" text COLLATE "C" GENERATED ALWAYS AS (directory_normalize("lastName")) STORED,
  ADD COLUMN "firstNameKey" text COLLATE "C" GENERATED ALWAYS AS (directory_normalize("firstName")) STORED,
  -- Organisational mailboxes only are found by service and structure name (PER rows carry a
  -- structure name too, which search ignores, so it is not computed for them).
  ADD COLUMN "serviceKey" text COLLATE "C" GENERATED ALWAYS AS (CASE WHEN "mailboxType" <> 'PER' THEN directory_normalize("service") END) STORED,
  ADD COLUMN "organizationKey" text COLLATE "C" GENERATED ALWAYS AS (CASE WHEN "mailboxType" <> 'PER' THEN directory_normalize("organizationName") END) STORED,
  ADD COLUMN "townKey" text COLLATE "C" GENERATED ALWAYS AS (directory_normalize("town")) STORED;

DROP INDEX IF EXISTS "directory_entry_search_last_name_idx";
DROP INDEX IF EXISTS "directory_entry_search_first_name_idx";
DROP INDEX IF EXISTS "directory_entry_search_service_idx";
DROP INDEX IF EXISTS "directory_entry_search_organization_idx";
DROP INDEX IF EXISTS "directory_entry_search_town_idx";
DROP INDEX IF EXISTS "directory_entry_department_idx";
DROP INDEX IF EXISTS "directory_entry_postalCode_idx";

-- The same indexes return rows already in display order: exact surname first, then longer ones.
CREATE INDEX "directory_entry_search_last_name_idx" ON "directory_entry" ("lastNameKey", "firstNameKey", "address");
CREATE INDEX "directory_entry_search_first_name_idx" ON "directory_entry" ("firstNameKey", "lastNameKey", "address");
CREATE INDEX "directory_entry_search_service_idx" ON "directory_entry" ("serviceKey", "address") WHERE "mailboxType" <> 'PER';
CREATE INDEX "directory_entry_search_organization_idx" ON "directory_entry" ("organizationKey", "address") WHERE "mailboxType" <> 'PER';
CREATE INDEX "directory_entry_search_town_idx" ON "directory_entry" ("townKey");
-- Department and postcode filters with a surname prefix: one ordered range scan each.
CREATE INDEX "directory_entry_department_idx" ON "directory_entry" ("department", "lastNameKey", "firstNameKey", "address");
CREATE INDEX "directory_entry_postalCode_idx" ON "directory_entry" ("postalCode", "lastNameKey", "firstNameKey", "address");

-- The distinct name keys for typo tolerance, now read from the stored keys.
DROP MATERIALIZED VIEW IF EXISTS "directory_search_term";
CREATE MATERIALIZED VIEW "directory_search_term" AS
  SELECT DISTINCT term FROM (
    SELECT "lastNameKey" AS term FROM "directory_entry"
    UNION ALL SELECT "firstNameKey" FROM "directory_entry"
    UNION ALL SELECT "serviceKey" FROM "directory_entry"
    UNION ALL SELECT "organizationKey" FROM "directory_entry"
  ) terms
  WHERE term IS NOT NULL AND term <> '';
CREATE UNIQUE INDEX "directory_search_term_term_key" ON "directory_search_term" (term);
CREATE INDEX "directory_search_term_trgm_idx" ON "directory_search_term" USING gin (term gin_trgm_ops);
