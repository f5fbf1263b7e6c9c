import { randomBytes } from "node:crypto";
import { createDb } from "@mss/db/client";
import { Prisma } from "@mss/db/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFactories } from "../testing/factories";
import { getTestEnv } from "../testing/test-env";
import { refreshDirectorySearchTerms } from "./refresh-directory-search-terms";
import { buildSearchDirectorySql, searchDirectory, type TSearchDirectoryQuery } from "./search-directory";

const db = createDb(getTestEnv().DATABASE_URL, { maxConnections: 3 });
const f = createFactories(db);

// Letters only: the run's tag is part of names and towns, and names are matched by prefix.
const letters = () => Array.from(randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join("");
const tag = letters();
const town = `TESTVILLE ${tag.toUpperCase()}`;
const entryDomain = `annuaire-${tag}.mssante.test`;
const addresses: string[] = [];

type EntryInput = Partial<Prisma.DirectoryEntryCreateManyInput> & { local: string };
function entry({ local, ...fields }: EntryInput): Prisma.DirectoryEntryCreateManyInput {
  const address = `${local}.${tag}@${entryDomain}`;
  addresses.push(address);
  return { address, mailboxType: "PER", town, department: "31", postalCode: "31059", rowHash: tag, ...fields };
}

const search = (query: TSearchDirectoryQuery) => searchDirectory({ db, query: { town, ...query } });
const localPartsOf = (result: Awaited<ReturnType<typeof search>>) => result.hits.map((h) => h.address.split(".")[0]);

beforeAll(async () => {
  await db.directoryEntry.createMany({
    data: [
      entry({ local: "durand1", lastName: "DURAND", firstName: "Paul", nationalId: "810000000101", professionCode: "10", professionLabel: "Médecin", specialtyCode: "SM04", specialtyLabel: "Cardiologie et maladies vasculaires" }),
      entry({ local: "durand2", lastName: "DURAND", firstName: "Alice", nationalId: "810000000102", professionCode: "60", professionLabel: "Infirmier" }),
      entry({ local: "durandeau", lastName: "DURANDEAU", firstName: "Marc", professionCode: "10", professionLabel: "Médecin" }),
      entry({ local: "firstdurand", lastName: "LEBLANC", firstName: "Durandal" }),
      entry({ local: "lefevre", lastName: "LEFÈVRE", firstName: "Hélène", civility: "DR", postalCode: "75013", department: "75" }),
      entry({ local: "martin", lastName: "MARTIN", firstName: "Jeanne", postalCode: "31400" }),
      entry({ local: "oneill", lastName: "O'NEILL-DUPRÉ", firstName: "Anne-Sophie" }),
      entry({ local: "cardio", mailboxType: "ORG", service: "Service de cardiologie", organizationName: "CENTRE HOSPITALIER TOULOUSE" }),
      ...Array.from({ length: 25 }, (_, i) => entry({ local: `page${String(i).padStart(2, "0")}`, lastName: `PAGINE${tag.toUpperCase()}`, firstName: `P${String(i).padStart(2, "0")}` })),
    ],
  });
  await refreshDirectorySearchTerms({ db });
});

afterAll(async () => {
  await db.directoryEntry.deleteMany({ where: { address: { in: addresses } } });
  await f.cleanup();
  await db.$disconnect();
});

describe("searchDirectory", () => {
  it("is accent- and case-insensitive", async () => {
    expect(localPartsOf(await search({ text: "helene" }))).toEqual(["lefevre"]);
    expect(localPartsOf(await search({ text: "LEFEVRE" }))).toEqual(["lefevre"]);
    expect(localPartsOf(await search({ text: "lefèvre hélène" }))).toEqual(["lefevre"]);
    expect(localPartsOf(await search({ text: "o'neill" }))).toEqual(["oneill"]);
  });

  it("ranks exact surnames first, then surname prefixes, then first names", async () => {
    const result = await search({ text: "durand" });
    expect(localPartsOf(result)).toEqual(["durand2", "durand1", "durandeau", "firstdurand"]);
    expect(result.hits.map((h) => h.matchTier)).toEqual([0, 0, 1, 2]);
    expect(result).toMatchObject({ total: 4, isTotalCapped: false, hasMore: false });
  });

  it("matches prefixes", async () => {
    expect(localPartsOf(await search({ text: "dur" }))).toEqual(["durand2", "durand1", "durandeau", "firstdurand"]);
  });

  it("tolerates typos through trigram similarity", async () => {
    expect(localPartsOf(await search({ text: "durnad" }))).toEqual(expect.arrayContaining(["durand1", "durand2"]));
    expect(localPartsOf(await search({ text: "mertin" }))).toContain("martin");
    expect((await search({ text: "mertin" })).hits.find((h) => h.address.startsWith("martin"))?.matchTier).toBe(3);
  });

  it("finds organisational mailboxes by service and organisation", async () => {
    expect(localPartsOf(await search({ text: "service de cardio" }))).toEqual(["cardio"]);
    expect(localPartsOf(await search({ text: "centre hospitalier" }))).toEqual(["cardio"]);
    expect(localPartsOf(await search({ text: "toulouse" }))).toEqual(["cardio"]);
  });

  it("filters by profession (code or label), specialty (code or label), mailbox type, department, postcode and town", async () => {
    expect(localPartsOf(await search({ text: "dur", profession: "60" }))).toEqual(["durand2"]);
    expect(localPartsOf(await search({ text: "dur", profession: "médecin" }))).toEqual(["durand1", "durandeau"]);
    expect(localPartsOf(await search({ text: "dur", specialty: "SM04" }))).toEqual(["durand1"]);
    expect(localPartsOf(await search({ text: "dur", specialty: "cardiologie" }))).toEqual(["durand1"]);
    expect(localPartsOf(await search({ text: "", mailboxType: "ORG" }))).toEqual(["cardio"]);
    expect(localPartsOf(await search({ text: "", department: "75" }))).toEqual(["lefevre"]);
    expect(localPartsOf(await search({ text: "", postcode: "31400" }))).toEqual(["martin"]);
    expect(localPartsOf(await search({ text: "", postcode: "314" }))).toEqual(["martin"]);
    expect(localPartsOf(await search({ text: "durand", town: `testville ${tag}`.replace("e", "é") }))).toHaveLength(4);
    expect((await search({ text: "durand", town: "nulle-part-ailleurs" })).hits).toEqual([]);
  });

  it("returns the fields a card needs", async () => {
    const [hit] = (await search({ text: "durand paul" })).hits;
    expect(hit).toEqual({
      address: `durand1.${tag}@${entryDomain}`,
      mailboxType: "PER",
      civility: null,
      lastName: "DURAND",
      firstName: "Paul",
      nationalId: "810000000101",
      profession: { code: "10", label: "Médecin" },
      specialty: { code: "SM04", label: "Cardiologie et maladies vasculaires" },
      organization: null,
      service: null,
      town,
      postcode: "31059",
      department: "31",
      isLocal: false,
      matchTier: 0,
    });
  });

  it("paginates in a stable order with a total", async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => search({ text: `pagine${tag}`, page, pageSize: 10 })));
    expect(pages.map((p) => p.hits.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    expect(pages.every((p) => p.total === 25)).toBe(true);
    const all = pages.flatMap(localPartsOf);
    expect(all).toEqual(Array.from({ length: 25 }, (_, i) => `page${String(i).padStart(2, "0")}`));
  });

  it("returns nothing for an empty query without filters", async () => {
    expect(await searchDirectory({ db, query: { text: "  " } })).toMatchObject({ hits: [], total: 0 });
  });

  it("includes this platform's listed mailboxes, once, marked as local, and never unlisted ones", async () => {
    const tenant = await f.tenant();
    const surname = `Zorglub${letters()}`;
    const nationalId = f.nationalId();
    const professional = await db.professional.create({ data: { nationalId, idType: "RPPS", lastName: surname, firstName: "Émile", professionCode: "10", professionName: "Médecin" } });
    const local = await f.mailbox({ tenant, type: "PER", localPart: "emile.zorglub", professionalId: professional.id });
    const published = await f.mailbox({ tenant, type: "PER", localPart: "emile.zorglub.cabinet", professionalId: professional.id });
    // The national extract already lists the second one.
    await db.directoryEntry.create({ data: { address: published.address, mailboxType: "PER", lastName: surname.toUpperCase(), firstName: "Émile", nationalId, rowHash: tag } });
    addresses.push(published.address);
    const secretariat = await f.mailbox({ tenant, type: "ORG", localPart: "secretariat" });
    await db.mailbox.update({ where: { id: secretariat.id }, data: { displayName: `Secrétariat ${surname}` } });
    const hidden = await f.mailbox({ tenant, type: "PER", localPart: "cache", professionalId: professional.id });
    await db.mailbox.update({ where: { id: hidden.id }, data: { isUnlisted: true } });
    await db.directoryEntry.create({ data: { address: hidden.address, mailboxType: "PER", lastName: surname.toUpperCase(), rowHash: tag } });
    addresses.push(hidden.address);

    const result = await searchDirectory({ db, query: { text: surname.toLowerCase() } });

    expect(result.hits.map((h) => h.address).sort()).toEqual([local.address, published.address, secretariat.address].sort());
    expect(result.hits.every((h) => h.isLocal)).toBe(true);
    expect(result.hits.find((h) => h.address === local.address)).toMatchObject({ mailboxType: "PER", lastName: surname, firstName: "Émile", nationalId, profession: { code: "10" } });
    expect(result.hits.find((h) => h.address === secretariat.address)).toMatchObject({ mailboxType: "ORG", service: `Secrétariat ${surname}`, matchTier: 2 });
    expect((await searchDirectory({ db, query: { text: "emile zorg" } })).hits.map((h) => h.address)).toContain(local.address);
  });

  it("serves prefix and typo-tolerant searches from indexes (no scan of the directory)", async () => {
    const [, plan] = await db.$transaction([
      db.$queryRaw`SELECT set_config('enable_seqscan', 'off', true)`,
      db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${buildSearchDirectorySql({ query: { text: "dur", department: "31" } })}`),
    ]);
    // A department filter and a surname prefix: a range scan of (department, surname), or of the
    // surname index filtered by department; which one depends on the table's statistics.
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/directory_entry_(department|search_last_name)_idx/);
    expect(text).not.toMatch(/Seq Scan on directory_entry/);
    const [, unfiltered] = await db.$transaction([
      db.$queryRaw`SELECT set_config('enable_seqscan', 'off', true)`,
      db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${buildSearchDirectorySql({ query: { text: "dur" } })}`),
    ]);
    expect(unfiltered.map((r) => r["QUERY PLAN"]).join("\n")).toContain("directory_entry_search_last_name_idx");
    const [, fuzzy] = await db.$transaction([
      db.$queryRaw`SELECT set_config('enable_seqscan', 'off', true)`,
      db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${buildSearchDirectorySql({ query: { text: "durnad" }, isFuzzy: true })}`),
    ]);
    // Typos expand to the closest distinct keys, then read their entries through the name index.
    const fuzzyText = fuzzy.map((r) => r["QUERY PLAN"]).join("\n");
    expect(fuzzyText).toContain("directory_search_term");
    expect(fuzzyText).toContain("directory_entry_search_last_name_idx");
    expect(fuzzyText).not.toMatch(/Seq Scan on directory_entry/);
  });
});
