import { findTenantMailboxes } from "@mss/domain/mailbox/find-tenant-mailboxes";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AdminShell } from "@/components/admin-shell";
import { getDb } from "@/lib/services";
import { requireActor } from "@/lib/session";
import { CreateMailboxForm } from "./create-mailbox-form";

export const metadata: Metadata = { title: "Boîtes aux lettres" };

const STATUS_LABELS = { active: "active", suspended: "suspendue", closed: "fermée" } as const;

export default async function TenantPage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  const actor = await requireActor();
  if (!actor.isPlatformOperator && !actor.adminTenantIds.includes(tenantId)) notFound();
  const { tenant, domains, mailboxes } = await findTenantMailboxes({ db: getDb(), actor, tenantId });
  if (!tenant) notFound();
  return (
    <AdminShell actor={actor}>
      <h1 className="text-2xl font-bold">{tenant.name}</h1>
      <p className="text-sm text-slate-600">Domaines : {domains.map((d) => d.name).join(", ") || "aucun"}</p>

      <section aria-labelledby="create-title" className="mt-6 rounded border border-slate-200 bg-white p-6">
        <h2 id="create-title" className="mb-4 text-lg font-semibold">
          Créer une boîte aux lettres
        </h2>
        <CreateMailboxForm tenantId={tenant.id} domains={domains} />
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
            </tr>
          </thead>
          <tbody>
            {mailboxes.map((m) => (
              <tr key={m.id} className="border-t border-slate-200">
                <td className="px-3 py-2 font-mono">{m.address}</td>
                <td className="px-3 py-2">
                  {m.displayName}
                  {m.professional && <span className="text-slate-600"> · {m.professional.nationalId}</span>}
                </td>
                <td className="px-3 py-2">{m.type}</td>
                <td className="px-3 py-2">{STATUS_LABELS[m.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </AdminShell>
  );
}
