"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/action-result";
import { sendMessageAction } from "./actions";
import { RecipientField } from "./recipient-field";

export interface ComposeDefaults {
  to: string;
  subject: string;
  text: string;
  inReplyTo: string;
  references: string;
}

const inputClass = "mt-1 w-full rounded border border-slate-400 px-3 py-2";

/** The form keeps what the user typed when sending fails, with the reason above it. */
export function ComposeForm({ mailboxId, from, defaults }: { mailboxId: string; from: string; defaults: ComposeDefaults }) {
  const [state, action, isPending] = useActionState<ActionState, FormData>(sendMessageAction, { status: "idle" });
  const typed = state.status === "error" ? state.fields : undefined;
  const value = (name: keyof ComposeDefaults | "cc") => typed?.[name] ?? (name === "cc" ? "" : defaults[name]);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <input type="hidden" name="inReplyTo" value={value("inReplyTo")} />
      <input type="hidden" name="references" value={value("references")} />
      <p className="text-sm text-slate-700">
        De : <span className="font-medium">{from}</span>
      </p>
      {state.status === "error" && (
        <p role="alert" className="rounded border border-danger bg-red-50 p-3 text-sm font-medium text-danger">
          {state.message}
        </p>
      )}
      <div>
        <RecipientField id="to" name="to" label="À" isRequired defaultValue={value("to")} describedBy="to-help" inputClassName={inputClass} />
        <p id="to-help" className="mt-1 text-xs text-slate-600">
          Adresses MSSanté séparées par des virgules. Tapez un nom pour chercher dans vos correspondants et l'annuaire.
        </p>
      </div>
      <div>
        <RecipientField id="cc" name="cc" label="Cc" defaultValue={value("cc")} inputClassName={inputClass} />
      </div>
      <div>
        <label htmlFor="subject" className="block text-sm font-medium">
          Objet
        </label>
        <input id="subject" name="subject" type="text" defaultValue={value("subject")} className={inputClass} />
      </div>
      <div>
        <label htmlFor="text" className="block text-sm font-medium">
          Message
        </label>
        <textarea id="text" name="text" rows={14} defaultValue={value("text")} className={`${inputClass} font-mono`} />
      </div>
      <button type="submit" disabled={isPending} className="rounded bg-brand px-6 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
        {isPending ? "Envoi…" : "Envoyer"}
      </button>
    </form>
  );
}
