import { findAccessibleMailboxes } from "@mss/domain/mailbox/find-accessible-mailboxes";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/sign-out-button";
import { getDb } from "@/lib/services";
import { requireActor } from "@/lib/session";

export default async function MailHome() {
  const actor = await requireActor();
  const [first] = (await findAccessibleMailboxes({ db: getDb(), actor })).filter((m) => m.rights.includes("read"));
  if (first) redirect(`/mail/${first.id}/inbox`);
  return (
    <main id="contenu" className="mx-auto max-w-xl p-8">
      <h1 className="text-xl font-bold">Aucune boîte aux lettres</h1>
      <p className="mt-2 text-slate-700">
        Aucune boîte aux lettres MSSanté n'est rattachée à votre compte ({actor.displayName}). Demandez à l'administrateur de votre établissement de vous en créer
        une ou de vous en déléguer une.
      </p>
      <div className="mt-4">
        <SignOutButton />
      </div>
    </main>
  );
}
