import type { Metadata } from "next";
import { signInWithPscAction } from "./actions";
import { LocalSignInForm } from "./local-sign-in-form";

export const metadata: Metadata = { title: "Connexion" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl = "", error } = await searchParams;
  return (
    <main id="contenu" className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-bold text-brand">Messagerie sécurisée de santé</h1>
      <p className="mt-2 text-slate-700">Espace de confiance MSSanté</p>
      {error && (
        <p role="alert" className="mt-4 rounded border border-danger bg-red-50 p-3 text-sm text-danger">
          La connexion a échoué. Réessayez ou contactez le support de votre établissement.
        </p>
      )}
      <section aria-labelledby="psc-title" className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="psc-title" className="text-lg font-semibold">
          Professionnels de santé
        </h2>
        <p className="mt-1 text-sm text-slate-700">Avec votre carte e-CPS ou CPS.</p>
        <form action={signInWithPscAction} className="mt-4">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit" className="w-full rounded bg-brand px-4 py-3 font-semibold text-white hover:bg-brand-dark">
            Se connecter avec Pro Santé Connect
          </button>
        </form>
      </section>
      <section aria-labelledby="local-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="local-title" className="text-lg font-semibold">
          Secrétariats et administrateurs
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-700">Compte local fourni par votre établissement.</p>
        <LocalSignInForm callbackUrl={callbackUrl} />
      </section>
    </main>
  );
}
