"use server";

import { createMailbox, type TCreateMailboxInput } from "@mss/domain/mailbox/create-mailbox";
import { revalidatePath } from "next/cache";
import { type ActionState, runAction } from "@/lib/action-result";
import { getDb } from "@/lib/services";
import { requireActor } from "@/lib/session";

export async function createMailboxAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const tenantId = String(formData.get("tenantId") ?? "");
  const field = (name: string) => String(formData.get(name) ?? "");
  const common = { localPart: field("localPart"), domainId: field("domainId"), isUnlisted: formData.get("isUnlisted") === "on" };
  const input: TCreateMailboxInput =
    field("type") === "ORG"
      ? { type: "ORG", ...common, displayName: field("displayName") }
      : {
          type: "PER",
          ...common,
          nationalId: field("nationalId"),
          firstName: field("firstName"),
          lastName: field("lastName"),
          professionName: field("professionName") || undefined,
        };
  return runAction(async () => {
    const { address } = await createMailbox({ db: getDb(), actor, tenantId, input });
    revalidatePath(`/admin/${tenantId}`);
    return { status: "success", message: `Boîte aux lettres ${address} créée. Elle peut recevoir des messages dès maintenant.` };
  }, formData);
}
