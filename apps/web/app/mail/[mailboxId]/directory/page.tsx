import { PROFESSIONS } from "@mss/domain/directory/professions";
import { type DirectorySearchHit, MAILBOX_TYPES, searchDirectory, ZSearchDirectoryQuery } from "@mss/domain/directory/search-directory";
import type { Metadata } from "next";
import Link from "next/link";
import { MailShell } from "@/components/mail-shell";
import { loadMailContext } from "@/lib/mail-context";
import { getDb } from "@/lib/services";

export const metadata: Metadata = { title: "Annuaire" };

const TYPE_LABELS: Record<string, string> = { PER: "Personnelle", ORG: "Organisationnelle", APP: "Applicative", CAB: "Cabinet" };
const FIELDS = ["text", "profession", "specialty", "mailboxType", "department", "postcode", "town"] as const;
const inputClass = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

/** One card per professional (all their addresses), or per organisational mailbox. */
interface Card {
  key: string;
  title: string;
  subtitle: string | null;
  hits: DirectorySearchHit[];
}

function toCards(hits: DirectorySearchHit[]): Card[] {
  const cards = new Map<string, Card>();
  for (const hit of hits) {
    const isPerson = hit.mailboxType === "PER" || hit.mailboxType === "CAB";
    const key = isPerson && hit.nationalId ? `pp:${hit.nationalId}` : `bal:${hit.address}`;
    const existing = cards.get(key);
    if (existing) {
      existing.hits.push(hit);
      continue;
    }
    const personName = [hit.civility === "DR" || hit.civility === "PR" ? (hit.civility === "DR" ? "Dr" : "Pr") : null, hit.firstName, hit.lastName]
      .filter(Boolean)
      .join(" ");
    const title = (isPerson && personName) || hit.service || hit.organization || personName || hit.address;
    const subtitle = isPerson
      ? [hit.profession?.label, hit.specialty?.label].filter(Boolean).join(" · ") || null
      : hit.service && hit.organization ? hit.organization : null;
    cards.set(key, { key, title, subtitle, hits: [hit] });
  }
  return [...cards.values()];
}

export default async function DirectoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ mailboxId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { mailboxId } = await params;
  const raw = await searchParams;
  const values = Object.fromEntries(FIELDS.map((name) => [name, typeof raw[name] === "string" ? raw[name] : ""])) as Record<(typeof FIELDS)[number], string>;
  const context = await loadMailContext(mailboxId);
  const hasQuery = FIELDS.some((name) => values[name].trim() !== "");
  const parsed = ZSearchDirectoryQuery.safeParse({ ...values, page: typeof raw.page === "string" ? raw.page : undefined });
  const result = hasQuery && parsed.success ? await searchDirectory({ db: getDb(), query: parsed.data }) : null;
  const cards = result ? toCards(result.hits) : [];
  const pageHref = (page: number) => {
    const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v.trim() !== ""));
    query.set("page", String(page));
    return `/mail/${mailboxId}/directory?${query}`;
  };

  return (
    <MailShell {...context} folder={null} isDirectory>
      <h1 className="mb-4 text-xl font-bold">Annuaire santé</h1>
      <search aria-label="Rechercher dans l'annuaire">
      <form method="get" className="grid gap-3 rounded border border-slate-200 bg-white p-4 md:grid-cols-3">
        <div className="md:col-span-3">
          <label htmlFor="text" className="block text-sm font-medium">
            Nom, prénom, service ou établissement
          </label>
          <input id="text" name="text" type="search" defaultValue={values.text} className={inputClass} />
        </div>
        <div>
          <label htmlFor="profession" className="block text-sm font-medium">
            Profession
          </label>
          <select id="profession" name="profession" defaultValue={values.profession} className={inputClass}>
            <option value="">Toutes</option>
            {PROFESSIONS.map((p) => (
              <option key={p.code} value={p.code}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="specialty" className="block text-sm font-medium">
            Savoir-faire (spécialité)
          </label>
          <input id="specialty" name="specialty" type="text" defaultValue={values.specialty} className={inputClass} />
        </div>
        <div>
          <label htmlFor="mailboxType" className="block text-sm font-medium">
            Type de boîte
          </label>
          <select id="mailboxType" name="mailboxType" defaultValue={values.mailboxType} className={inputClass}>
            <option value="">Tous</option>
            {MAILBOX_TYPES.map((type) => (
              <option key={type} value={type}>
                {TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="department" className="block text-sm font-medium">
            Département
          </label>
          <input id="department" name="department" type="text" inputMode="numeric" maxLength={3} defaultValue={values.department} className={inputClass} />
        </div>
        <div>
          <label htmlFor="postcode" className="block text-sm font-medium">
            Code postal
          </label>
          <input id="postcode" name="postcode" type="text" inputMode="numeric" maxLength={5} defaultValue={values.postcode} className={inputClass} />
        </div>
        <div>
          <label htmlFor="town" className="block text-sm font-medium">
            Commune
          </label>
          <input id="town" name="town" type="text" defaultValue={values.town} className={inputClass} />
        </div>
        <div className="md:col-span-3">
          <button type="submit" className="rounded bg-brand px-6 py-2 font-semibold text-white hover:bg-brand-dark">
            Rechercher
          </button>
        </div>
      </form>
      </search>

      <section aria-labelledby="resultats" className="mt-6">
        <h2 id="resultats" className="text-lg font-semibold">
          Résultats
        </h2>
        <p role="status" aria-live="polite" className="mt-1 text-sm text-slate-700">
          {!hasQuery
            ? "Saisissez un nom ou choisissez un filtre."
            : !parsed.success
              ? parsed.error.issues.map((i) => i.message).join(" · ")
              : result && result.total === 0
                ? "Aucun résultat."
                : result
                  ? `${result.isTotalCapped ? `Plus de ${result.total}` : result.total} adresse${result.total > 1 ? "s" : ""} trouvée${result.total > 1 ? "s" : ""}${result.isTotalCapped ? " : précisez la recherche" : ""}.`
                  : ""}
        </p>
        <ul className="mt-3 space-y-3">
          {cards.map((card) => (
            <li key={card.key} className="rounded border border-slate-200 bg-white p-4">
              <h3 className="font-semibold">{card.title}</h3>
              {card.subtitle && <p className="text-sm text-slate-700">{card.subtitle}</p>}
              <ul className="mt-2 divide-y divide-slate-100" aria-label={`Adresses de ${card.title}`}>
                {card.hits.map((hit) => (
                  <li key={hit.address} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <div className="min-w-0">
                      <p className="break-all font-mono text-sm">{hit.address}</p>
                      <p className="text-xs text-slate-700">
                        {TYPE_LABELS[hit.mailboxType] ?? hit.mailboxType}
                        {hit.organization && ` · ${hit.organization}`}
                        {hit.service && hit.mailboxType === "PER" && ` · ${hit.service}`}
                        {(hit.postcode || hit.town) && ` · ${[hit.postcode, hit.town].filter(Boolean).join(" ")}`}
                        {hit.isLocal && " · hébergée sur cette plateforme"}
                      </p>
                    </div>
                    <Link
                      href={`/mail/${mailboxId}/compose?to=${encodeURIComponent(hit.address)}`}
                      className="rounded border border-brand px-3 py-1 text-sm font-semibold text-brand hover:bg-slate-50"
                    >
                      Écrire<span className="sr-only"> à {hit.address}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        {result && (result.page > 1 || result.hasMore) && (
          <nav aria-label="Pages de résultats" className="mt-4 flex gap-4">
            {result.page > 1 && (
              <Link href={pageHref(result.page - 1)} className="underline">
                Page précédente
              </Link>
            )}
            <span>Page {result.page}</span>
            {result.hasMore && (
              <Link href={pageHref(result.page + 1)} className="underline">
                Page suivante
              </Link>
            )}
          </nav>
        )}
      </section>
    </MailShell>
  );
}
