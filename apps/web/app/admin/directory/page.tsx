import { findDirectorySyncs } from "@mss/domain/directory/find-directory-syncs";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminShell } from "@/components/admin-shell";
import { formatDateTime } from "@/lib/format";
import { getDb } from "@/lib/services";
import { requireActor } from "@/lib/session";
import { AutoRefresh } from "./auto-refresh";
import { DirectorySyncForm } from "./sync-form";

export const metadata: Metadata = { title: "Annuaire national — synchronisation" };

const PHASES: Record<string, string> = {
  queued: "en attente",
  download: "téléchargement",
  parse: "lecture du fichier",
  apply: "application des changements",
  done: "terminée",
};
const STATUSES: Record<string, string> = { queued: "En attente", running: "En cours", succeeded: "Réussie", failed: "Échouée" };
const KINDS: Record<string, string> = { "mssante-extract": "Extraction MSSanté", "rpps-activity": "RPPS activités" };
const number = new Intl.NumberFormat("fr-FR");

function count(value: number | null): string {
  return value === null ? "—" : number.format(value);
}

type Irregular = Record<string, { count: number; lines: number[] }>;

export default async function DirectorySyncPage() {
  const actor = await requireActor();
  if (!actor.isPlatformOperator) notFound();
  const syncs = await findDirectorySyncs({ db: getDb(), actor });
  const active = syncs.find((sync) => sync.status === "queued" || sync.status === "running");
  return (
    <AdminShell actor={actor}>
      <p className="text-sm">
        <Link href="/admin" className="underline">
          Administration
        </Link>{" "}
        › Annuaire national
      </p>
      <h1 className="mt-2 text-2xl font-bold">Synchronisation de l'annuaire national</h1>
      <AutoRefresh isActive={active !== undefined} />

      <section aria-labelledby="progress-title" className="mt-6 rounded border border-slate-200 bg-white p-4">
        <h2 id="progress-title" className="text-lg font-semibold">
          Synchronisation en cours
        </h2>
        <div role="status" aria-live="polite" className="mt-2">
          {active ? (
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 md:grid-cols-4">
              <dt className="text-sm text-slate-600">Fichier</dt>
              <dd>{KINDS[active.kind] ?? active.kind}</dd>
              <dt className="text-sm text-slate-600">Étape</dt>
              <dd>{PHASES[active.phase] ?? active.phase}</dd>
              <dt className="text-sm text-slate-600">Lignes lues</dt>
              <dd>{number.format(active.rowsRead)}</dd>
              <dt className="text-sm text-slate-600">Débit</dt>
              <dd>{number.format(active.rate)} lignes/s</dd>
            </dl>
          ) : (
            <p>Aucune synchronisation en cours.</p>
          )}
        </div>
      </section>

      <section aria-labelledby="start-title" className="mt-6 rounded border border-slate-200 bg-white p-4">
        <h2 id="start-title" className="text-lg font-semibold">
          Lancer une synchronisation
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Le fichier est lu en entier avant toute modification : un fichier tronqué, illisible ou dont les colonnes ne sont pas reconnues ne change rien.
        </p>
        <div className="mt-3">
          <DirectorySyncForm />
        </div>
      </section>

      <section aria-labelledby="history-title" className="mt-6">
        <h2 id="history-title" className="text-lg font-semibold">
          Dernières synchronisations
        </h2>
        {syncs.length === 0 ? (
          <p className="mt-2">Aucune synchronisation n'a encore eu lieu.</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full border-collapse bg-white text-sm">
              <caption className="sr-only">Dernières synchronisations, la plus récente en premier</caption>
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="p-2">Demandée le</th>
                  <th scope="col" className="p-2">Fichier</th>
                  <th scope="col" className="p-2">État</th>
                  <th scope="col" className="p-2 text-right">Lignes lues</th>
                  <th scope="col" className="p-2 text-right">Ajoutées</th>
                  <th scope="col" className="p-2 text-right">Modifiées</th>
                  <th scope="col" className="p-2 text-right">Retirées</th>
                  <th scope="col" className="p-2 text-right">Inchangées</th>
                  <th scope="col" className="p-2">Détails</th>
                </tr>
              </thead>
              <tbody>
                {syncs.map((sync) => {
                  const irregular = (sync.irregular ?? {}) as Irregular;
                  const kinds = Object.entries(irregular);
                  return (
                    <tr key={sync.id} className="border-b border-slate-200 align-top">
                      <td className="p-2 whitespace-nowrap">{formatDateTime(sync.createdAt)}</td>
                      <td className="p-2">
                        {KINDS[sync.kind] ?? sync.kind}
                        <span className="block max-w-xs truncate text-slate-600" title={sync.source}>
                          {sync.source}
                        </span>
                      </td>
                      <td className="p-2">
                        {STATUSES[sync.status] ?? sync.status}
                        {sync.status === "running" && <span className="block text-slate-600">{PHASES[sync.phase] ?? sync.phase}</span>}
                      </td>
                      <td className="p-2 text-right">{number.format(sync.rowsRead)}</td>
                      <td className="p-2 text-right">{count(sync.added)}</td>
                      <td className="p-2 text-right">{count(sync.changed)}</td>
                      <td className="p-2 text-right">{count(sync.removed)}</td>
                      <td className="p-2 text-right">{count(sync.unchanged)}</td>
                      <td className="p-2">
                        {sync.error && <p className="text-danger">{sync.error}</p>}
                        {kinds.length > 0 && (
                          <details>
                            <summary className="cursor-pointer">Lignes irrégulières</summary>
                            <ul className="mt-1 list-disc pl-5">
                              {kinds.map(([kind, { count: n, lines }]) => (
                                <li key={kind}>
                                  {kind} : {number.format(n)}
                                  {lines.length > 0 && ` (lignes ${lines.join(", ")}…)`}
                                </li>
                              ))}
                            </ul>
                          </details>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </AdminShell>
  );
}
