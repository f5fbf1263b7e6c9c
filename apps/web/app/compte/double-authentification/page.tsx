import { startTotpEnrollment } from "@mss/domain/account/enroll-totp";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { SignOutButton } from "@/components/sign-out-button";
import { getDb } from "@/lib/services";
import { requireActor } from "@/lib/session";
import { ConfirmTotpForm } from "./confirm-form";

export const metadata: Metadata = { title: "Double authentification" };

export default async function TotpEnrollmentPage() {
  const actor = await requireActor({ isTotpEnrollment: true });
  const enrollment = await startTotpEnrollment({ db: getDb(), actor });
  if (!enrollment) redirect("/mail");
  const qrSvg = await QRCode.toString(enrollment.uri, { type: "svg", margin: 1, width: 200 });
  return (
    <main id="contenu" className="mx-auto max-w-xl px-4 py-10">
      <h1 className="text-2xl font-bold text-brand">Activez la double authentification</h1>
      <p className="mt-3 text-slate-800">
        Les comptes sans carte e-CPS sont protégés par un second facteur. Ajoutez ce compte dans une application d'authentification (FreeOTP, Google
        Authenticator, Microsoft Authenticator…), puis saisissez le code à 6 chiffres qu'elle affiche.
      </p>
      <div className="mt-6 flex flex-col items-start gap-4 rounded border border-slate-200 bg-white p-6 sm:flex-row">
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: SVG generated on the server from our own otpauth URI */}
        <div role="img" aria-label="QR code à scanner avec l'application d'authentification" className="h-[200px] w-[200px]" dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <div>
          <p className="text-sm text-slate-700">Ou saisissez cette clé à la main :</p>
          <p className="mt-1 font-mono text-lg break-all" data-testid="totp-secret">
            {enrollment.secret.match(/.{1,4}/g)?.join(" ")}
          </p>
        </div>
      </div>
      <ConfirmTotpForm />
      <div className="mt-8">
        <SignOutButton />
      </div>
    </main>
  );
}
