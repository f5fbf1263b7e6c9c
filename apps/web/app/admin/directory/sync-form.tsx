"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/action-result";
import { requestDirectorySyncAction } from "./actions";

const inputClass = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

export function DirectorySyncForm() {
  const [state, action, isPending] = useActionState<ActionState, FormData>(requestDirectorySyncAction, { status: "idle" });
  const typed = state.status === "error" ? (state.fields ?? {}) : {};
  return (
    <form action={action} className="grid gap-4">
      <div>
        <label htmlFor="source" className="block text-sm font-medium">
          Source : URL http(s) ou chemin sur le serveur (ZIP, gzip ou texte)
        </label>
        <input
          id="source"
          name="source"
          required
          defaultValue={typed.source}
          placeholder="https://…/Extraction_Correspondance_MSSante ou /var/lib/mss/annuaire/extraction.zip"
          className={inputClass}
          aria-describedby="source-help"
        />
        <p id="source-help" className="mt-1 text-sm text-slate-600">
          Un chemin doit se trouver dans le répertoire d'import du worker.
        </p>
      </div>
      <div>
        <label htmlFor="kind" className="block text-sm font-medium">
          Fichier
        </label>
        <select id="kind" name="kind" defaultValue={typed.kind ?? "mssante-extract"} className={inputClass}>
          <option value="mssante-extract">Extraction Correspondance MSSanté (annuaire des BAL)</option>
          <option value="rpps-activity">RPPS PS_LibreAcces_Personne_activite</option>
        </select>
      </div>
      {state.status !== "idle" && (
        <p role={state.status === "error" ? "alert" : "status"} className={`text-sm font-medium ${state.status === "error" ? "text-danger" : "text-success"}`}>
          {state.message}
        </p>
      )}
      <div>
        <button type="submit" disabled={isPending} className="rounded bg-brand px-6 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
          {isPending ? "Envoi…" : "Lancer la synchronisation"}
        </button>
      </div>
    </form>
  );
}
