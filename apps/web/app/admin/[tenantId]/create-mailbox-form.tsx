"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/action-result";
import { createMailboxAction } from "./actions";

const inputClass = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

function Field({ id, label, children }: { id: string; label: string; children: (id: string) => React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

/** Values taken from the national directory when the admin starts from a professional found there. */
export interface MailboxPrefill {
  nationalId?: string;
  firstName?: string;
  lastName?: string;
  professionName?: string;
  localPart?: string;
}

export function CreateMailboxForm({
  tenantId,
  domains,
  prefill = {},
}: {
  tenantId: string;
  domains: Array<{ id: string; name: string }>;
  prefill?: MailboxPrefill;
}) {
  const [state, action, isPending] = useActionState<ActionState, FormData>(createMailboxAction, { status: "idle" });
  const [type, setType] = useState<"PER" | "ORG">("PER");
  const typed: Record<string, string | undefined> = state.status === "error" ? (state.fields ?? {}) : { ...prefill };
  return (
    <form action={action} className="grid gap-4 md:grid-cols-2">
      <input type="hidden" name="tenantId" value={tenantId} />
      <fieldset className="md:col-span-2">
        <legend className="text-sm font-medium">Type de boîte</legend>
        <div className="mt-1 flex gap-6">
          <label className="flex items-center gap-2">
            <input type="radio" name="type" value="PER" checked={type === "PER"} onChange={() => setType("PER")} />
            Personnelle (PER) — un professionnel
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="type" value="ORG" checked={type === "ORG"} onChange={() => setType("ORG")} />
            Organisationnelle (ORG) — un service
          </label>
        </div>
      </fieldset>
      {type === "PER" ? (
        <>
          <Field id="nationalId" label="Identifiant national (8 + RPPS ou 0 + ADELI)">
            {(id) => <input id={id} name="nationalId" defaultValue={typed.nationalId} required inputMode="numeric" className={inputClass} />}
          </Field>
          <Field id="professionName" label="Profession">
            {(id) => <input id={id} name="professionName" defaultValue={typed.professionName} placeholder="Médecin" className={inputClass} />}
          </Field>
          <Field id="firstName" label="Prénom">
            {(id) => <input id={id} name="firstName" defaultValue={typed.firstName} required className={inputClass} />}
          </Field>
          <Field id="lastName" label="Nom">
            {(id) => <input id={id} name="lastName" defaultValue={typed.lastName} required className={inputClass} />}
          </Field>
        </>
      ) : (
        <>
          <Field id="displayName" label="Libellé du service">
            {(id) => <input id={id} name="displayName" defaultValue={typed.displayName} required className={inputClass} />}
          </Field>
          <Field id="structureId" label="Identifiant de la structure (FINESS)">
            {(id) => (
              <input
                id={id}
                name="structureId"
                defaultValue={typed.structureId}
                placeholder="750712184"
                maxLength={9}
                aria-describedby={`${id}-hint`}
                className={inputClass}
              />
            )}
          </Field>
          <p id="structureId-hint" className="text-sm text-slate-600 md:col-span-2">
            Facultatif. Sans FINESS, la boîte ne peut pas être publiée dans l'annuaire national.
          </p>
        </>
      )}
      <Field id="localPart" label="Adresse (partie avant @)">
        {(id) => <input id={id} name="localPart" defaultValue={typed.localPart} required placeholder="prenom.nom" className={inputClass} />}
      </Field>
      <Field id="domainId" label="Domaine">
        {(id) => (
          <select id={id} name="domainId" required defaultValue={typed.domainId} className={inputClass}>
            {domains.map((d) => (
              <option key={d.id} value={d.id}>
                @{d.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="flex items-center gap-2 md:col-span-2">
        <input type="checkbox" name="isUnlisted" defaultChecked={typed.isUnlisted === "on"} />
        Liste rouge : ne pas publier dans l'annuaire national
      </label>
      <p className="text-sm text-slate-600 md:col-span-2">L'adresse et le type ne pourront plus être modifiés après la création.</p>
      {state.status !== "idle" && (
        <p role={state.status === "error" ? "alert" : "status"} className={`text-sm font-medium md:col-span-2 ${state.status === "error" ? "text-danger" : "text-success"}`}>
          {state.message}
        </p>
      )}
      <div className="md:col-span-2">
        <button type="submit" disabled={isPending} className="rounded bg-brand px-6 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
          {isPending ? "Création…" : "Créer la boîte aux lettres"}
        </button>
      </div>
    </form>
  );
}
