import type { Db } from "@mss/db/client";
import { Prisma } from "@mss/db/types";
import { z } from "zod";
import { AppError } from "../errors/app-error";
import { normalizeSearchText, prefixUpperBound } from "./normalize-search-text";
import { getProfessionCode } from "./professions";

export const MAILBOX_TYPES = ["PER", "ORG", "APP", "CAB"] as const;
export type TDirectoryMailboxType = (typeof MAILBOX_TYPES)[number];

/** Beyond this many matches the total is reported as "more than" (counting 1M rows is not instant). */
export const SEARCH_COUNT_CAP = 100;
/** Deep pages cost more; nobody pages past this through a directory (refine the search instead). */
export const SEARCH_MAX_PAGE = 50;
/** Minimum word similarity (pg_trgm) for a typo-tolerant match: "durnad" still finds DURAND. */
const FUZZY_THRESHOLD = 0.4;
/** Shorter texts share a trigram or two with half the directory: prefixes only. */
const FUZZY_MIN_LENGTH = 4;
/** Closest name keys a typo-tolerant search expands to. */
const FUZZY_MAX_TERMS = 8;
/** Upper bound of a typo-tolerant search, which has no index order to stop early on. */
const FUZZY_TIMEOUT_MS = 250;

const optionalFilter = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

export const ZSearchDirectoryQuery = z.object({
  text: z.string().trim().max(100, "Recherche trop longue").default(""),
  /** Code ("10") or label ("Médecin"). */
  profession: optionalFilter(80),
  /** Savoir-faire code ("SM04") or the start of its label ("cardio"). */
  specialty: optionalFilter(80),
  mailboxType: z.preprocess((v) => (v === "" ? undefined : v), z.enum(MAILBOX_TYPES).optional()),
  department: optionalFilter(3).pipe(z.string().regex(/^[0-9]{2,3}$|^2[AB]$/i, "Département invalide").optional()),
  postcode: optionalFilter(5).pipe(z.string().regex(/^[0-9]{1,5}$/, "Code postal invalide").optional()),
  town: optionalFilter(80),
  page: z.coerce.number().int().min(1).max(SEARCH_MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TSearchDirectoryQuery = z.input<typeof ZSearchDirectoryQuery>;
export type TSearchDirectoryParsedQuery = z.output<typeof ZSearchDirectoryQuery>;

export interface DirectorySearchHit {
  address: string;
  mailboxType: string;
  civility: string | null;
  lastName: string | null;
  firstName: string | null;
  /** `8`+RPPS or `0`+ADELI: groups a professional's mailboxes. */
  nationalId: string | null;
  profession: { code: string | null; label: string | null } | null;
  specialty: { code: string | null; label: string | null } | null;
  organization: string | null;
  service: string | null;
  town: string | null;
  postcode: string | null;
  department: string | null;
  /** An active mailbox hosted on this platform. */
  isLocal: boolean;
  /** 0 exact surname, 1 surname prefix, 2 first name / service / organisation prefix, 3 typo-tolerant. */
  matchTier: number;
}

export interface DirectorySearchResult {
  hits: DirectorySearchHit[];
  page: number;
  pageSize: number;
  /** Exact when `isTotalCapped` is false, else at least SEARCH_COUNT_CAP. */
  total: number;
  isTotalCapped: boolean;
  hasMore: boolean;
}

/** Parses a query, turning validation failures into INVALID_INPUT with French messages. */
export function parseSearchDirectoryQuery(query: unknown): TSearchDirectoryParsedQuery {
  const parsed = ZSearchDirectoryQuery.safeParse(query);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues.map((i) => i.message).join(" · "));
  return parsed.data;
}

// Stored search keys (migration `directory_search_keys`): directory_normalize() of each name,
// in C collation, indexed in display order.
const LAST = Prisma.sql`e."lastNameKey"`;
const FIRST = Prisma.sql`e."firstNameKey"`;
const SERVICE = Prisma.sql`e."serviceKey"`;
const ORGANIZATION = Prisma.sql`e."organizationKey"`;
const TOWN = Prisma.sql`e."townKey"`;

const startsWith = (expression: Prisma.Sql, prefix: string) => Prisma.sql`(${expression} >= ${prefix} AND ${expression} < ${prefixUpperBound(prefix)})`;

interface SearchPlan {
  text: string;
  /** First word and the rest, for "jean durand" as well as "durand jean". */
  split: { head: string; rest: string } | null;
  directoryFilters: Prisma.Sql[];
  localFilters: Prisma.Sql[];
  mailboxType: TDirectoryMailboxType | undefined;
  /** Rows each branch may return: enough for the page and for the capped count. */
  branchLimit: number;
  offset: number;
  pageSize: number;
}

function planSearch(query: TSearchDirectoryParsedQuery): SearchPlan {
  const text = normalizeSearchText(query.text);
  const words = text.split(" ").filter(Boolean);
  const directoryFilters: Prisma.Sql[] = [];
  const localFilters: Prisma.Sql[] = [];

  if (query.mailboxType) {
    directoryFilters.push(Prisma.sql`e."mailboxType" = ${query.mailboxType}`);
    localFilters.push(Prisma.sql`m."type"::text = ${query.mailboxType}`);
  }
  if (query.profession) {
    const code = getProfessionCode(query.profession);
    const label = normalizeSearchText(query.profession);
    directoryFilters.push(code ? Prisma.sql`e."professionCode" = ${code}` : Prisma.sql`directory_normalize(e."professionLabel") = ${label}`);
    localFilters.push(
      code
        ? Prisma.sql`(p."professionCode" = ${code} OR directory_normalize(p."professionName") = ${label})`
        : Prisma.sql`directory_normalize(p."professionName") = ${label}`,
    );
  }
  if (query.specialty) {
    const specialty = query.specialty;
    directoryFilters.push(
      /^[a-z]{1,5}[0-9]{1,4}$/i.test(specialty)
        ? Prisma.sql`e."specialtyCode" = ${specialty.toUpperCase()}`
        : startsWith(Prisma.sql`(directory_normalize(e."specialtyLabel") COLLATE "C")`, normalizeSearchText(specialty)),
    );
  }
  if (query.department) directoryFilters.push(Prisma.sql`e."department" = ${query.department.toUpperCase()}`);
  if (query.postcode) {
    directoryFilters.push(
      query.postcode.length === 5 ? Prisma.sql`e."postalCode" = ${query.postcode}` : Prisma.sql`e."postalCode" LIKE ${`${query.postcode}%`}`,
    );
  }
  if (query.town) directoryFilters.push(startsWith(TOWN, normalizeSearchText(query.town)));
  // Our own mailboxes carry no specialty nor postal address: such filters leave only directory entries.
  if (query.specialty || query.department || query.postcode || query.town) localFilters.push(Prisma.sql`FALSE`);

  const offset = (query.page - 1) * query.pageSize;
  return {
    text,
    split: words.length >= 2 ? { head: words[0] ?? "", rest: words.slice(1).join(" ") } : null,
    directoryFilters,
    localFilters,
    mailboxType: query.mailboxType,
    branchLimit: Math.max(offset + query.pageSize, SEARCH_COUNT_CAP) + 1,
    offset,
    pageSize: query.pageSize,
  };
}

const and = (conditions: Prisma.Sql[]) => (conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, " AND "));

/**
 * One bounded, index-ordered scan per way a name can match; each returns (address, tier,
 * score, sort keys). Their union is ranked by tier, score, then names.
 */
function directoryBranches(plan: SearchPlan, { isFuzzy }: { isFuzzy: boolean }): Prisma.Sql[] {
  const { text, split, branchLimit } = plan;
  const filters = and(plan.directoryFilters);
  const byLastName = (tier: Prisma.Sql, where: Prisma.Sql) =>
    Prisma.sql`(SELECT e.address, ${tier} AS tier, 1::real AS score, ${LAST} AS k1, ${FIRST} AS k2
      FROM directory_entry e WHERE ${where} AND ${filters} ORDER BY ${LAST}, ${FIRST}, e.address LIMIT ${branchLimit})`;

  if (text === "") return [byLastName(Prisma.sql`1`, Prisma.sql`TRUE`)];

  // Organisational and applicative mailboxes name no person: skip the person-name scans, which
  // would read every entry of a common surname only to filter them all out.
  const hasPersons = plan.mailboxType !== "ORG" && plan.mailboxType !== "APP";
  const branches = hasPersons ? [byLastName(Prisma.sql`CASE WHEN ${LAST} = ${text} THEN 0 ELSE 1 END`, startsWith(LAST, text))] : [];
  if (split && hasPersons) {
    branches.push(
      byLastName(Prisma.sql`CASE WHEN ${LAST} = ${split.head} THEN 0 ELSE 1 END`, Prisma.sql`${startsWith(LAST, split.head)} AND ${startsWith(FIRST, split.rest)}`),
      byLastName(Prisma.sql`CASE WHEN ${LAST} = ${split.rest} THEN 0 ELSE 1 END`, Prisma.sql`${startsWith(LAST, split.rest)} AND ${startsWith(FIRST, split.head)}`),
    );
  }
  if (hasPersons) {
    branches.push(
      Prisma.sql`(SELECT e.address, 2 AS tier, 1::real AS score, ${FIRST} AS k1, ${LAST} AS k2
        FROM directory_entry e WHERE ${startsWith(FIRST, text)} AND ${filters} ORDER BY ${FIRST}, ${LAST}, e.address LIMIT ${branchLimit})`,
    );
  }
  branches.push(
    Prisma.sql`(SELECT e.address, 2 AS tier, 1::real AS score, ${SERVICE} AS k1, ''::text AS k2
      FROM directory_entry e WHERE e."mailboxType" <> 'PER' AND ${startsWith(SERVICE, text)} AND ${filters} ORDER BY ${SERVICE}, e.address LIMIT ${branchLimit})`,
    Prisma.sql`(SELECT e.address, 2 AS tier, 1::real AS score, ${ORGANIZATION} AS k1, ''::text AS k2
      FROM directory_entry e WHERE e."mailboxType" <> 'PER' AND ${startsWith(ORGANIZATION, text)} AND ${filters} ORDER BY ${ORGANIZATION}, e.address LIMIT ${branchLimit})`,
  );
  if (isFuzzy) {
    // One bounded, index-ordered scan per close key (CTE `terms`, see searchSql).
    const byTerm = (key: Prisma.Sql, k2: Prisma.Sql, extra: Prisma.Sql) =>
      Prisma.sql`(SELECT x.address, 3 AS tier, t.score, x.k1, x.k2 FROM terms t CROSS JOIN LATERAL (
          SELECT e.address, ${key} AS k1, ${k2} AS k2 FROM directory_entry e
          WHERE ${key} = t.term AND ${extra} AND ${filters} ORDER BY ${key}, ${k2}, e.address LIMIT ${branchLimit}) x)`;
    if (hasPersons) branches.push(byTerm(LAST, FIRST, Prisma.sql`TRUE`), byTerm(FIRST, LAST, Prisma.sql`TRUE`));
    branches.push(byTerm(SERVICE, Prisma.sql`e.address`, Prisma.sql`e."mailboxType" <> 'PER'`), byTerm(ORGANIZATION, Prisma.sql`e.address`, Prisma.sql`e."mailboxType" <> 'PER'`));
  }
  return branches;
}

/** Active, listed mailboxes hosted here, matched on the same keys (a small table: no index needed). */
function localBranch(plan: SearchPlan, { isFuzzy }: { isFuzzy: boolean }): Prisma.Sql {
  const { text, split } = plan;
  const last = Prisma.sql`(directory_normalize(p."lastName") COLLATE "C")`;
  const first = Prisma.sql`(directory_normalize(p."firstName") COLLATE "C")`;
  const display = Prisma.sql`(directory_normalize(m."displayName") COLLATE "C")`;
  const when: Prisma.Sql[] = [];
  if (text === "") {
    when.push(Prisma.sql`WHEN TRUE THEN 1`);
  } else {
    when.push(Prisma.sql`WHEN ${last} = ${text} THEN 0`, Prisma.sql`WHEN ${startsWith(last, text)} THEN 1`);
    if (split) {
      when.push(
        Prisma.sql`WHEN ${startsWith(last, split.head)} AND ${startsWith(first, split.rest)} THEN 1`,
        Prisma.sql`WHEN ${startsWith(last, split.rest)} AND ${startsWith(first, split.head)} THEN 1`,
      );
    }
    when.push(Prisma.sql`WHEN ${startsWith(first, text)} OR (' ' || ${display}) LIKE ${`% ${text}%`} THEN 2`);
    if (isFuzzy) when.push(Prisma.sql`WHEN ${text} <% directory_search_names(p."lastName", p."firstName", m."displayName", NULL) THEN 3`);
  }
  return Prisma.sql`(SELECT address, tier, score, k1, k2 FROM (
      SELECT m.address, CASE ${Prisma.join(when, " ")} END AS tier,
        ${isFuzzy && text !== "" ? Prisma.sql`word_similarity(${text}, directory_search_names(p."lastName", p."firstName", m."displayName", NULL))` : Prisma.sql`1::real`} AS score,
        coalesce(${last}, ${display}) AS k1, coalesce(${first}, ''::text) AS k2
      FROM mailbox m LEFT JOIN professional p ON p.id = m."professionalId"
      WHERE m.status = 'active' AND NOT m."isUnlisted" AND ${and(plan.localFilters)}
    ) local WHERE tier IS NOT NULL ORDER BY tier, score DESC, k1, k2, address LIMIT ${plan.branchLimit})`;
}

interface HitRow {
  address: string;
  tier: number;
  total: bigint;
  entryType: string | null;
  civility: string | null;
  entryLastName: string | null;
  entryFirstName: string | null;
  entryNationalId: string | null;
  professionCode: string | null;
  professionLabel: string | null;
  specialtyCode: string | null;
  specialtyLabel: string | null;
  organizationName: string | null;
  service: string | null;
  town: string | null;
  postalCode: string | null;
  department: string | null;
  localType: string | null;
  localDisplayName: string | null;
  localLastName: string | null;
  localFirstName: string | null;
  localNationalId: string | null;
  localProfessionCode: string | null;
  localProfessionName: string | null;
  tenantName: string | null;
}

function searchSql(plan: SearchPlan, options: { isFuzzy: boolean }): Prisma.Sql {
  const branches = [...directoryBranches(plan, options), localBranch(plan, options)];
  // Typo tolerance: the name keys closest to the text, among the distinct keys (migration
  // `directory_search_terms`), by word similarity.
  const terms = options.isFuzzy
    ? Prisma.sql`terms AS (SELECT term COLLATE "C" AS term, word_similarity(${plan.text}, term) AS score FROM directory_search_term
        WHERE ${plan.text} <% term ORDER BY score DESC, term LIMIT ${FUZZY_MAX_TERMS}),`
    : Prisma.empty;
  return Prisma.sql`
    WITH ${terms} hits AS (${Prisma.join(branches, " UNION ALL ")}),
    best AS (SELECT DISTINCT ON (address) address, tier, score, k1, k2 FROM hits ORDER BY address, tier, score DESC),
    visible AS (
      -- "Liste rouge": a mailbox of ours its holder keeps out of the directory stays out of
      -- search too, even while a stale national extract still lists it.
      SELECT b.*, count(*) OVER () AS total FROM best b
      WHERE NOT EXISTS (SELECT 1 FROM mailbox u WHERE u.address = b.address AND u."isUnlisted")
    ),
    page AS (SELECT * FROM visible ORDER BY tier, score DESC, k1, k2, address OFFSET ${plan.offset} LIMIT ${plan.pageSize})
    SELECT v.address, v.tier, v.total,
      e."mailboxType" AS "entryType", e.civility, e."lastName" AS "entryLastName", e."firstName" AS "entryFirstName",
      e."nationalId" AS "entryNationalId", e."professionCode", e."professionLabel", e."specialtyCode", e."specialtyLabel",
      e."organizationName", e.service, e.town, e."postalCode", e.department,
      m.type::text AS "localType", m."displayName" AS "localDisplayName", p."lastName" AS "localLastName", p."firstName" AS "localFirstName",
      p."nationalId" AS "localNationalId", p."professionCode" AS "localProfessionCode", p."professionName" AS "localProfessionName",
      t.name AS "tenantName"
    FROM page v
    LEFT JOIN directory_entry e ON e.address = v.address
    LEFT JOIN mailbox m ON m.address = v.address AND m.status = 'active'
    LEFT JOIN professional p ON p.id = m."professionalId"
    LEFT JOIN tenant t ON t.id = m."tenantId"
    ORDER BY v.tier, v.score DESC, v.k1, v.k2, v.address`;
}

function toHit(row: HitRow): DirectorySearchHit {
  const isLocal = row.localType !== null;
  if (row.entryType !== null) {
    return {
      address: row.address,
      mailboxType: row.entryType,
      civility: row.civility,
      lastName: row.entryLastName,
      firstName: row.entryFirstName,
      nationalId: row.entryNationalId,
      profession: row.professionCode || row.professionLabel ? { code: row.professionCode, label: row.professionLabel } : null,
      specialty: row.specialtyCode || row.specialtyLabel ? { code: row.specialtyCode, label: row.specialtyLabel } : null,
      organization: row.organizationName,
      service: row.service,
      town: row.town,
      postcode: row.postalCode,
      department: row.department,
      isLocal,
      matchTier: row.tier,
    };
  }
  // Only hosted here (not yet in the national extract): what our own tables know.
  const isPersonal = row.localNationalId !== null;
  return {
    address: row.address,
    mailboxType: row.localType ?? "ORG",
    civility: null,
    lastName: row.localLastName,
    firstName: row.localFirstName,
    nationalId: row.localNationalId,
    profession: row.localProfessionCode || row.localProfessionName ? { code: row.localProfessionCode, label: row.localProfessionName } : null,
    specialty: null,
    organization: row.tenantName,
    service: isPersonal ? null : row.localDisplayName,
    town: null,
    postcode: null,
    department: null,
    isLocal,
    matchTier: row.tier,
  };
}

/**
 * Searches the national directory and this platform's own listed mailboxes by name, with
 * filters. Accent- and case-insensitive; prefix matches rank after exact surnames, and when
 * they cannot fill the page, typo-tolerant (trigram) matches complete it. Public data: no
 * actor needed, but the caller must be signed in (the route checks it).
 */
export async function searchDirectory({ db, query }: { db: Db; query: TSearchDirectoryQuery }): Promise<DirectorySearchResult> {
  const parsed = parseSearchDirectoryQuery(query);
  const plan = planSearch(parsed);
  if (plan.text === "" && plan.directoryFilters.length === 0) {
    return { hits: [], page: parsed.page, pageSize: parsed.pageSize, total: 0, isTotalCapped: false, hasMore: false };
  }

  let rows = await db.$queryRaw<HitRow[]>(searchSql(plan, { isFuzzy: false }));
  // The window count rides on every row; a page past the end has none and reports 0.
  let count = Number(rows[0]?.total ?? 0);
  // Typo tolerance only when nothing matches exactly or by prefix: a trigram scan shares
  // trigrams with every row of a common surname and would read thousands of rows for nothing.
  if (plan.text.length >= FUZZY_MIN_LENGTH && count === 0 && plan.offset === 0) {
    try {
      const [, , fuzzyRows] = await db.$transaction([
        db.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`,
        db.$queryRaw`SELECT set_config('statement_timeout', ${String(FUZZY_TIMEOUT_MS)}, true)`,
        db.$queryRaw<HitRow[]>(searchSql(plan, { isFuzzy: true })),
      ]);
      rows = fuzzyRows;
      count = Number(rows[0]?.total ?? 0);
    } catch (error) {
      // A typo search over a very common trigram may not finish in time: answer "nothing
      // found" rather than keep the user (and a connection) waiting.
      if (!String(error instanceof Error ? error.message : error).includes("statement timeout")) throw error;
    }
  }

  return {
    hits: rows.map(toHit),
    page: parsed.page,
    pageSize: parsed.pageSize,
    total: Math.min(count, SEARCH_COUNT_CAP),
    isTotalCapped: count > SEARCH_COUNT_CAP,
    hasMore: plan.offset + rows.length < count,
  };
}

/** The SQL of one search, for EXPLAIN in tests and benchmarks (`db.$queryRaw(sql)` runs it). */
export function buildSearchDirectorySql({ query, isFuzzy = false }: { query: TSearchDirectoryQuery; isFuzzy?: boolean }): Prisma.Sql {
  return searchSql(planSearch(parseSearchDirectoryQuery(query)), { isFuzzy });
}
