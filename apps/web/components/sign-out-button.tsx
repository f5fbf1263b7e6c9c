import { signOut } from "@/auth";

export function SignOutButton() {
  return (
    <form
      action={async () => {
        "use server";
        await signOut({ redirectTo: "/login" });
      }}
    >
      <button type="submit" className="rounded px-3 py-1 text-sm underline hover:bg-white/10">
        Se déconnecter
      </button>
    </form>
  );
}
