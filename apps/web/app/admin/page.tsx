import { findAdministeredTenants } from "@mss/domain/mailbox/find-tenant-mailboxes";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AdminShell } from "@/components/admin-shell";
import { getDb } from "@/lib/services";
import { requireActor } from "@/lib/session";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminHome() {
  const actor = await requireActor();
  const tenants = await findAdministeredTenants({ db: getDb(), actor });
  if (tenants.length === 1 && !actor.isPlatformOperator) redirect(`/admin/${tenants[0]?.id}`);
  return (
    <AdminShell actor={actor}>
      {actor.isPlatformOperator && (
        <p className="mb-4">
          <Link href="/admin/directory" className="underline">
            Annuaire national : synchronisation et rapports
          </Link>
        </p>
      )}
      <h1 className="text-2xl font-bold">Établissements</h1>
      {tenants.length === 0 ? (
        <p className="mt-4" role="alert">
          Votre compte n'administre aucun établissement.
        </p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {tenants.map((tenant) => (
            <li key={tenant.id}>
              <Link href={`/admin/${tenant.id}`} className="block px-4 py-3 hover:bg-slate-50">
                {tenant.name} <span className="text-sm text-slate-600">({tenant.slug})</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </AdminShell>
  );
}
