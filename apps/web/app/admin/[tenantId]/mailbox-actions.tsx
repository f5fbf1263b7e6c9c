"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/action-result";
import { changeMailboxAction, closeMailboxAction, retryPublicationAction } from "./actions";

function Feedback({ state }: { state: ActionState }) {
  if (state.status === "idle") return null;
  return (
    <p role={state.status === "error" ? "alert" : "status"} className={`mt-1 text-xs ${state.status === "error" ? "text-danger" : "text-success"}`}>
      {state.message}
    </p>
  );
}

// Buttons are described by the address cell (`describedBy`) rather than named after the
// address, so the row's other cells never share the address cell's accessible name.

/** "Fermer" asks for confirmation in place (no browser dialog), then closes the mailbox. */
export function CloseMailboxButton({ tenantId, mailboxId, address, describedBy }: { tenantId: string; mailboxId: string; address: string; describedBy: string }) {
  const [state, action, isPending] = useActionState<ActionState, FormData>(closeMailboxAction, { status: "idle" });
  const [isConfirming, setConfirming] = useState(false);
  if (!isConfirming || state.status === "success") {
    return (
      <div>
        {state.status !== "success" && (
          <button type="button" onClick={() => setConfirming(true)} aria-describedby={describedBy} className="rounded border border-slate-400 px-2 py-1 text-xs hover:bg-slate-100">
            Fermer
          </button>
        )}
        <Feedback state={state} />
      </div>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-1">
      <input type="hidden" name="tenantId" value={tenantId} />
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <p className="text-xs">
        Fermer <span className="font-mono">{address}</span> ? Elle ne recevra plus de messages et sera retirée de l'annuaire national.
      </p>
      <div className="flex gap-2">
        <button type="submit" disabled={isPending} className="rounded bg-danger px-2 py-1 text-xs font-semibold text-white disabled:opacity-60">
          {isPending ? "Fermeture…" : "Confirmer la fermeture"}
        </button>
        <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-400 px-2 py-1 text-xs">
          Annuler
        </button>
      </div>
      <Feedback state={state} />
    </form>
  );
}

export function RetryPublicationButton({ tenantId, publicationId, describedBy }: { tenantId: string; publicationId: string; describedBy: string }) {
  const [state, action, isPending] = useActionState<ActionState, FormData>(retryPublicationAction, { status: "idle" });
  return (
    <form action={action} className="inline">
      <input type="hidden" name="tenantId" value={tenantId} />
      <input type="hidden" name="publicationId" value={publicationId} />
      {state.status !== "success" && (
        <button
          type="submit"
          disabled={isPending}
          aria-describedby={describedBy}
          className="rounded border border-slate-400 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-60"
        >
          {isPending ? "Relance…" : "Réessayer"}
        </button>
      )}
      <Feedback state={state} />
    </form>
  );
}

const CHANGE_LABELS = {
  unlist: "Mettre en liste rouge",
  list: "Retirer de la liste rouge",
  suspend: "Suspendre",
  reactivate: "Réactiver",
} as const;

/** One-click changes of an open mailbox: liste rouge on or off, suspension on or off. */
export function ChangeMailboxButton({
  tenantId,
  mailboxId,
  change,
  describedBy,
}: {
  tenantId: string;
  mailboxId: string;
  change: keyof typeof CHANGE_LABELS;
  describedBy: string;
}) {
  const [state, action, isPending] = useActionState<ActionState, FormData>(changeMailboxAction, { status: "idle" });
  return (
    <form action={action}>
      <input type="hidden" name="tenantId" value={tenantId} />
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <input type="hidden" name="change" value={change} />
      <button
        type="submit"
        disabled={isPending}
        aria-describedby={describedBy}
        className="rounded border border-slate-400 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-60"
      >
        {CHANGE_LABELS[change]}
      </button>
      <Feedback state={state} />
    </form>
  );
}
