"use server";

import { sendMessage } from "@mss/domain/message/send-message";
import { redirect } from "next/navigation";
import { type ActionState, runAction } from "@/lib/action-result";
import { enqueueDelivery, getDb } from "@/lib/services";
import { requireActor } from "@/lib/session";

export async function sendMessageAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const mailboxId = String(formData.get("mailboxId") ?? "");
  const result = await runAction(async () => {
    await sendMessage({
      db: getDb(),
      actor,
      enqueue: enqueueDelivery,
      input: {
        mailboxId,
        to: String(formData.get("to") ?? ""),
        cc: String(formData.get("cc") ?? ""),
        subject: String(formData.get("subject") ?? ""),
        text: String(formData.get("text") ?? ""),
        inReplyTo: formData.get("inReplyTo") ? String(formData.get("inReplyTo")) : undefined,
        references: String(formData.get("references") ?? "").split(" ").filter(Boolean),
      },
    });
    return { status: "success", message: "Message envoyé." };
  }, formData);
  if (result.status === "success") redirect(`/mail/${mailboxId}/sent?sent=1`);
  return result;
}
