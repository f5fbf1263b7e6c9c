import { canAdministerTenant } from "@mss/domain/actor/actor";
import { searchDirectory } from "@mss/domain/directory/search-directory";
import { findTenantMailboxes } from "@mss/domain/mailbox/find-tenant-mailboxes";
import { suggestLocalPart } from "@mss/domain/mailbox/suggest-local-part";
import { findLatestPublications, type LatestPublication } from "@mss/domain/publication/find-latest-publications";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminShell } from "@/components/admin-shell";
import { getDb } from "@/lib/services";
import { requireActor } from "@/lib/session";
import { CreateMailboxForm, type MailboxPrefill } from "./create-mailbox-form";
import { ChangeMailboxButton, CloseMailboxButton, RetryPublicationButton } from "./mailbox-actions";

export const metadata: Metadata = { title: "Boîtes aux lettres" };

const STATUS_LABELS = { active: "active", suspended: "suspendue", closed: "fermée" } as const;

type BadgeTone = "ok" | "wait" | "error" | "neutral";
const TONE_CLASSES: Record<BadgeTone, string> = {
  ok: "border-success text-success",
  wait: "border-amber-700 text-amber-800",
  error: "border-danger text-danger",
  neutral: "border-slate-400 text-slate-700",
};

/** What the admin sees of a mailbox's presence in the national directory. */
function publicationBadge(mailbox: { isUnlisted: boolean }, latest: LatestPublication | undefined): { label: string; tone: BadgeTone; detail?: string | null } {
  if (!latest) return mailbox.isUnlisted ? { label: "liste rouge", tone: "neutral" } : { label: "non publiée", tone: "neutral" };
  switch (latest.status) {
    case "pending":
      return {
        label: latest.operation === "delete" ? "retrait en attente" : "en attente",
        tone: "wait",
        detail: latest.attempts > 0 ? `Nouvelle tentative prévue. ${latest.lastError ?? ""}` : null,
      };
    case "succeeded":
      if (latest.operation !== "delete") return { label: "publiée", tone: "ok" };
      return mailbox.isUnlisted ? { label: "liste rouge", tone: "neutral" } : { label: "retirée de l'annuaire", tone: "neutral" };
    case "failed":
      return { label: "échec", tone: "error", detail: latest.lastError ?? "Erreur inconnue." };
    case "skipped":
      return { label: "liste rouge", tone: "neutral" };
    default: {
      const exhaustive: never = latest.status;
      throw new Error(`unknown publication status ${String(exhaustive)}`);
    }
  }
}

type TenantSearchParams = { q?: string; nationalId?: string; firstName?: string; lastName?: string; professionName?: string };

export default async function TenantPage({ params, searchParams }: { params: Promise<{ tenantId: string }>; searchParams: Promise<TenantSearchParams> }) {
  const { tenantId } = await params;
  const { q = "", ...chosen } = await searchParams;
  const actor = await requireActor();
  if (!canAdministerTenant(actor, tenantId)) notFound();
  const [{ tenant, domains, mailboxes }, publications] = await Promise.all([
    findTenantMailboxes({ db: getDb(), actor, tenantId }),
    findLatestPublications({ db: getDb(), actor, tenantId }),
  ]);
  if (!tenant) notFound();
  // Professionals of the national directory, to create their mailbox from what is known of them.
  const found = q.trim() ? await searchDirectory({ db: getDb(), query: { text: q, mailboxType: "PER", pageSize: 10 } }) : null;
  const prefill: MailboxPrefill = chosen.nationalId
    ? { ...chosen, localPart: chosen.firstName && chosen.lastName ? suggestLocalPart(chosen.firstName, chosen.lastName) : undefined }
    : {};
  return (
    <AdminShell actor={actor}>
      <h1 className="text-2xl font-bold">{tenant.name}</h1>
      <p className="text-sm text-slate-600">Domaines : {domains.map((d) => d.name).join(", ") || "aucun"}</p>

      <section aria-labelledby="find-title" className="mt-6 rounded border border-slate-200 bg-white p-6">
        <h2 id="find-title" className="text-lg font-semibold">
          Trouver un professionnel dans l'annuaire national
        </h2>
        <form method="get" className="mt-3 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="q" className="block text-sm font-medium">
              Nom du professionnel
            </label>
            <input id="q" name="q" type="search" defaultValue={q} className="mt-1 w-72 rounded border border-slate-400 px-3 py-2" />
          </div>
          <button type="submit" className="rounded border border-brand px-4 py-2 font-medium text-brand hover:bg-slate-100">
            Rechercher
          </button>
        </form>
        {found && (
          <div aria-live="polite">
            <p className="mt-3 text-sm text-slate-700">
              {found.hits.length === 0 ? "Aucun professionnel trouvé." : `${found.isTotalCapped ? "Plus de " : ""}${found.total} résultat${found.total > 1 ? "s" : ""}`}
            </p>
            <ul className="mt-2 divide-y divide-slate-200">
              {found.hits.map((hit) => (
                <li key={hit.address} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span>
                    <span className="font-medium">
                      {hit.civility ? `${hit.civility} ` : ""}
                      {hit.firstName} {hit.lastName}
                    </span>
                    {hit.profession?.label && ` · ${hit.profession.label}`}
                    {hit.town && ` · ${hit.town}`}
                    <span className="block text-slate-600">
                      {hit.address}
                      {hit.nationalId && ` · ${hit.nationalId}`}
                    </span>
                  </span>
                  {hit.nationalId && hit.firstName && hit.lastName && (
                    <a
                      href={`?${new URLSearchParams({
                        q,
                        nationalId: hit.nationalId,
                        firstName: hit.firstName,
                        lastName: hit.lastName,
                        professionName: hit.profession?.label ?? "",
                      })}#create-title`}
                      className="rounded bg-brand px-3 py-1 font-medium text-white hover:bg-brand-dark"
                    >
                      Créer sa boîte ici<span className="sr-only"> : {hit.firstName} {hit.lastName}</span>
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <section aria-labelledby="create-title" className="mt-6 rounded border border-slate-200 bg-white p-6">
        <h2 id="create-title" className="mb-4 text-lg font-semibold">
          Créer une boîte aux lettres
        </h2>
        <CreateMailboxForm key={chosen.nationalId ?? "new"} tenantId={tenant.id} domains={domains} prefill={prefill} />
      </section>

      <section aria-labelledby="list-title" className="mt-6">
        <h2 id="list-title" className="text-lg font-semibold">
          Boîtes aux lettres ({mailboxes.length})
        </h2>
        <table className="mt-2 w-full border-collapse rounded border border-slate-200 bg-white text-sm">
          <thead>
            <tr className="bg-slate-100 text-left">
              <th scope="col" className="px-3 py-2">
                Adresse
              </th>
              <th scope="col" className="px-3 py-2">
                Titulaire
              </th>
              <th scope="col" className="px-3 py-2">
                Type
              </th>
              <th scope="col" className="px-3 py-2">
                Statut
              </th>
              <th scope="col" className="px-3 py-2">
                Annuaire national
              </th>
              <th scope="col" className="px-3 py-2">
                Actions
              </th>
            </tr>
          </thead>
          <tbody>
            {mailboxes.map((m) => {
              const latest = publications.get(m.id);
              const badge = publicationBadge(m, latest);
              return (
                <tr key={m.id} className="border-t border-slate-200 align-top">
                  <td id={`mailbox-${m.id}`} className="px-3 py-2 font-mono">
                    {m.address}
                  </td>
                  <td className="px-3 py-2">
                    {m.displayName}
                    {m.professional && <span className="text-slate-600"> · {m.professional.nationalId}</span>}
                    {m.structureId && <span className="text-slate-600"> · FINESS {m.structureId}</span>}
                  </td>
                  <td className="px-3 py-2">{m.type}</td>
                  <td className="px-3 py-2">{STATUS_LABELS[m.status]}</td>
                  <td className="px-3 py-2">
                    <span className={`inline-block rounded border px-2 py-0.5 text-xs font-medium ${TONE_CLASSES[badge.tone]}`}>{badge.label}</span>
                    {badge.detail && (
                      <details className="mt-1 text-xs">
                        <summary className="cursor-pointer">Détails</summary>
                        <p className="mt-1 max-w-xs break-words">{badge.detail}</p>
                      </details>
                    )}
                    {latest?.canRetry && <RetryPublicationButton tenantId={tenant.id} publicationId={latest.id} describedBy={`mailbox-${m.id}`} />}
                  </td>
                  <td className="px-3 py-2">
                    {m.status !== "closed" && (
                      <div className="flex flex-wrap items-start gap-1">
                        <ChangeMailboxButton tenantId={tenant.id} mailboxId={m.id} change={m.isUnlisted ? "list" : "unlist"} describedBy={`mailbox-${m.id}`} />
                        <ChangeMailboxButton tenantId={tenant.id} mailboxId={m.id} change={m.status === "suspended" ? "reactivate" : "suspend"} describedBy={`mailbox-${m.id}`} />
                        <CloseMailboxButton tenantId={tenant.id} mailboxId={m.id} address={m.address} describedBy={`mailbox-${m.id}`} />
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </AdminShell>
  );
}
