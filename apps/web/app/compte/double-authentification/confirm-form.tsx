"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/action-result";
import { confirmTotpAction } from "./actions";

export function ConfirmTotpForm() {
  const [state, action, isPending] = useActionState<ActionState, FormData>(confirmTotpAction, { status: "idle" });
  return (
    <form action={action} className="mt-4 space-y-3">
      <div>
        <label htmlFor="code" className="block text-sm font-medium">
          Code affiché par l'application
        </label>
        <input id="code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" required className="mt-1 w-40 rounded border border-slate-400 px-3 py-2 font-mono text-lg" />
      </div>
      {state.status === "error" && (
        <p role="alert" className="text-sm font-medium text-danger">
          {state.message}
        </p>
      )}
      <button type="submit" disabled={isPending} className="rounded bg-brand px-6 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
        {isPending ? "Vérification…" : "Activer la double authentification"}
      </button>
    </form>
  );
}
