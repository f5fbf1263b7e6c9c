"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/action-result";
import { signInLocallyAction } from "./actions";

export function LocalSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, isPending] = useActionState<ActionState, FormData>(signInLocallyAction, { status: "idle" });
  const typedEmail = state.status === "error" ? state.fields?.email : undefined;
  return (
    <form action={action} className="space-y-3" aria-describedby={state.status === "error" ? "local-error" : undefined}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Adresse e-mail
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required defaultValue={typedEmail} className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Mot de passe
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="code" className="block text-sm font-medium">
          Code de vérification
        </label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          aria-describedby="code-help"
          className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
        />
        <p id="code-help" className="mt-1 text-xs text-slate-600">
          Les 6 chiffres de votre application d'authentification (laisser vide à la première connexion).
        </p>
      </div>
      {state.status === "error" && (
        <p id="local-error" role="alert" className="text-sm font-medium text-danger">
          {state.message}
        </p>
      )}
      <button type="submit" disabled={isPending} className="w-full rounded border border-brand px-4 py-2 font-medium text-brand hover:bg-slate-100 disabled:opacity-60">
        {isPending ? "Connexion…" : "Se connecter"}
      </button>
    </form>
  );
}
