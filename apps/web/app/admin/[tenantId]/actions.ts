"use server";

import { closeMailbox } from "@mss/domain/mailbox/close-mailbox";
import { AppError } from "@mss/domain/errors/app-error";
import { createMailbox, type TCreateMailboxInput } from "@mss/domain/mailbox/create-mailbox";
import { updateMailbox } from "@mss/domain/mailbox/update-mailbox";
import { retryMailboxPublication } from "@mss/domain/publication/retry-mailbox-publication";
import { revalidatePath } from "next/cache";
import { type ActionState, runAction } from "@/lib/action-result";
import { enqueuePublication, getDb } from "@/lib/services";
import { requireActor } from "@/lib/session";

export async function createMailboxAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const tenantId = String(formData.get("tenantId") ?? "");
  const field = (name: string) => String(formData.get(name) ?? "");
  const common = { localPart: field("localPart"), domainId: field("domainId"), isUnlisted: formData.get("isUnlisted") === "on" };
  const input: TCreateMailboxInput =
    field("type") === "ORG"
      ? { type: "ORG", ...common, displayName: field("displayName"), structureId: field("structureId") || undefined }
      : {
          type: "PER",
          ...common,
          nationalId: field("nationalId"),
          firstName: field("firstName"),
          lastName: field("lastName"),
          professionName: field("professionName") || undefined,
        };
  return runAction(async () => {
    const { address } = await createMailbox({ db: getDb(), actor, tenantId, input, enqueuePublication });
    revalidatePath(`/admin/${tenantId}`);
    return { status: "success", message: `Boîte aux lettres ${address} créée. Elle peut recevoir des messages dès maintenant.` };
  }, formData);
}

export async function closeMailboxAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const tenantId = String(formData.get("tenantId") ?? "");
  const mailboxId = String(formData.get("mailboxId") ?? "");
  return runAction(async () => {
    const { address } = await closeMailbox({ db: getDb(), actor, tenantId, mailboxId, enqueuePublication });
    revalidatePath(`/admin/${tenantId}`);
    return { status: "success", message: `Boîte aux lettres ${address} fermée. Elle ne reçoit plus de messages.` };
  });
}

export async function retryPublicationAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const tenantId = String(formData.get("tenantId") ?? "");
  const publicationId = String(formData.get("publicationId") ?? "");
  return runAction(async () => {
    await retryMailboxPublication({ db: getDb(), actor, tenantId, publicationId, enqueue: enqueuePublication });
    revalidatePath(`/admin/${tenantId}`);
    return { status: "success", message: "Publication relancée." };
  });
}

const MAILBOX_CHANGES = {
  unlist: { input: { isUnlisted: true }, message: "placée en liste rouge : elle est retirée de l'annuaire national" },
  list: { input: { isUnlisted: false }, message: "retirée de la liste rouge : elle sera publiée dans l'annuaire national" },
  suspend: { input: { status: "suspended" }, message: "suspendue : elle ne reçoit plus de messages" },
  reactivate: { input: { status: "active" }, message: "réactivée" },
} as const;

export async function changeMailboxAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const tenantId = String(formData.get("tenantId") ?? "");
  const mailboxId = String(formData.get("mailboxId") ?? "");
  const change = MAILBOX_CHANGES[String(formData.get("change")) as keyof typeof MAILBOX_CHANGES];
  return runAction(async () => {
    if (!change) throw new AppError("INVALID_INPUT", "Modification inconnue.");
    await updateMailbox({ db: getDb(), actor, tenantId, mailboxId, input: change.input, enqueuePublication });
    revalidatePath(`/admin/${tenantId}`);
    return { status: "success", message: `Boîte aux lettres ${change.message}.` };
  });
}
