import type { Actor } from "@mss/domain/actor/actor";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "./sign-out-button";

export function AdminShell({ actor, children }: { actor: Actor; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="flex items-center justify-between bg-slate-800 px-4 py-2 text-white">
        <p className="font-semibold">
          <Link href="/admin">Console d'administration</Link>
        </p>
        <div className="flex items-center gap-3 text-sm">
          <span>
            {actor.displayName}
            {actor.isPlatformOperator && " · opérateur de la plateforme"}
          </span>
          <Link href="/mail" className="underline">
            Messagerie
          </Link>
          <SignOutButton />
        </div>
      </header>
      <main id="contenu" className="mx-auto max-w-5xl p-6">
        {children}
      </main>
    </div>
  );
}
