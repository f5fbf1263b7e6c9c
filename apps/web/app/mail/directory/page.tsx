import { findAccessibleMailboxes } from "@mss/domain/mailbox/find-accessible-mailboxes";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/services";
import { requireActor } from "@/lib/session";

/** /mail/directory: the directory of the user's first mailbox (the page lives in a mailbox's shell). */
export default async function DirectoryHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const [first] = await findAccessibleMailboxes({ db: getDb(), actor });
  if (!first) redirect("/mail");
  const query = new URLSearchParams(Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  redirect(`/mail/${first.id}/directory${query.size > 0 ? `?${query}` : ""}`);
}
