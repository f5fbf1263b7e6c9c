import type { Actor } from "@mss/domain/actor/actor";
import type { AccessibleMailbox } from "@mss/domain/mailbox/find-accessible-mailboxes";
import type { FolderKey } from "@mss/domain/message/list-messages";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "./sign-out-button";

export const FOLDER_LABELS: Record<FolderKey, string> = {
  inbox: "Boîte de réception",
  sent: "Envoyés",
  drafts: "Brouillons",
  junk: "Indésirables",
  trash: "Corbeille",
};

const TYPE_LABELS = { PER: "personnelle", ORG: "organisationnelle", APP: "applicative", CAB: "cabinet" } as const;

/** Header, mailbox switcher and folder list around every webmail page. */
export function MailShell({
  actor,
  mailboxes,
  current,
  folder,
  isDirectory = false,
  children,
}: {
  actor: Actor;
  mailboxes: AccessibleMailbox[];
  current: AccessibleMailbox;
  folder: FolderKey | null;
  /** The directory page is open (marks its link as current). */
  isDirectory?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between bg-brand px-4 py-2 text-white">
        <p className="font-semibold">Messagerie sécurisée de santé</p>
        <div className="flex items-center gap-3 text-sm">
          <span>{actor.displayName}</span>
          {(actor.adminTenantIds.length > 0 || actor.isPlatformOperator) && (
            <Link href="/admin" className="underline">
              Administration
            </Link>
          )}
          <SignOutButton />
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <nav aria-label="Boîtes aux lettres et dossiers" className="w-full border-b border-slate-200 bg-white p-3 md:w-64 md:border-r md:border-b-0">
          <Link
            href={`/mail/${current.id}/compose`}
            className="mb-4 block rounded bg-brand px-3 py-2 text-center font-semibold text-white hover:bg-brand-dark"
          >
            Nouveau message
          </Link>
          <Link
            href={`/mail/${current.id}/directory`}
            aria-current={isDirectory ? "page" : undefined}
            className={`mb-4 block rounded px-2 py-1 text-sm ${isDirectory ? "bg-slate-200 font-semibold" : "hover:bg-slate-100"}`}
          >
            Annuaire
          </Link>
          {mailboxes.map((mailbox) => (
            <div key={mailbox.id} className="mb-4">
              <p className="truncate text-sm font-semibold" title={mailbox.address}>
                {mailbox.displayName}
              </p>
              <p className="truncate text-xs text-slate-600">
                {mailbox.address} · {TYPE_LABELS[mailbox.type]}
                {!mailbox.isOwner && " · déléguée"}
              </p>
              <ul className="mt-1">
                {(Object.keys(FOLDER_LABELS) as FolderKey[]).map((key) => {
                  const isCurrent = mailbox.id === current.id && key === folder;
                  return (
                    <li key={key}>
                      <Link
                        href={`/mail/${mailbox.id}/${key}`}
                        aria-current={isCurrent ? "page" : undefined}
                        className={`block rounded px-2 py-1 text-sm ${isCurrent ? "bg-slate-200 font-semibold" : "hover:bg-slate-100"}`}
                      >
                        {FOLDER_LABELS[key]}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </nav>
        <main id="contenu" className="flex-1 p-4">
          {children}
        </main>
      </div>
    </div>
  );
}
