-- Directory search (packages/domain/src/directory/search-directory.ts): accent- and
-- case-insensitive, prefix and typo-tolerant name matching in PostgreSQL alone.
-- No column is added to directory_entry (the sync writes it with COPY): every search key is
-- an expression index over directory_normalize(), and the queries repeat the same expressions.

CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;

-- unaccent() is only STABLE (its dictionary could be reloaded); pinning the dictionary by
-- qualified name makes the result depend on the input alone, which expression indexes need.
-- Lower case, no diacritics, every run of non-alphanumerics (hyphen, apostrophe, space) as one
-- space: "O'NEILL-DUPRÉ" and "o neill dupre" are the same key. Mirrored by normalizeSearchText.
CREATE OR REPLACE FUNCTION directory_normalize(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '[^a-z0-9]+', ' ', 'g'));

-- All the names of an entry as one key, for typo-tolerant (trigram) and word-prefix matching.
CREATE OR REPLACE FUNCTION directory_search_names(last_name text, first_name text, service text, organization text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN directory_normalize(coalesce(last_name, '') || ' ' || coalesce(first_name, '') || ' ' || coalesce(service, '') || ' ' || coalesce(organization, ''));

-- Prefix matching is a range scan in C collation ([t, t || '{') since keys hold only [a-z0-9 ]),
-- and the same index returns rows already in display order: exact surname first, then longer ones.
CREATE INDEX "directory_entry_search_last_name_idx" ON "directory_entry"
  ((directory_normalize("lastName") COLLATE "C"), (directory_normalize("firstName") COLLATE "C"), "address");
CREATE INDEX "directory_entry_search_first_name_idx" ON "directory_entry"
  ((directory_normalize("firstName") COLLATE "C"), (directory_normalize("lastName") COLLATE "C"), "address");
-- Organisational mailboxes are found by their service and their structure's name.
CREATE INDEX "directory_entry_search_service_idx" ON "directory_entry"
  ((directory_normalize("service") COLLATE "C"), "address") WHERE "mailboxType" <> 'PER';
CREATE INDEX "directory_entry_search_organization_idx" ON "directory_entry"
  ((directory_normalize("organizationName") COLLATE "C"), "address") WHERE "mailboxType" <> 'PER';
CREATE INDEX "directory_entry_search_names_trgm_idx" ON "directory_entry"
  USING gin (directory_search_names("lastName", "firstName", "service", "organizationName") gin_trgm_ops);

-- Filters.
CREATE INDEX "directory_entry_department_idx" ON "directory_entry" ("department");
CREATE INDEX "directory_entry_postalCode_idx" ON "directory_entry" ("postalCode");
CREATE INDEX "directory_entry_professionCode_idx" ON "directory_entry" ("professionCode");
CREATE INDEX "directory_entry_specialtyCode_idx" ON "directory_entry" ("specialtyCode");
CREATE INDEX "directory_entry_search_town_idx" ON "directory_entry" ((directory_normalize("town") COLLATE "C"));
