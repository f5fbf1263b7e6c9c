"use server";

import { confirmTotpEnrollment } from "@mss/domain/account/enroll-totp";
import { redirect } from "next/navigation";
import { type ActionState, runAction } from "@/lib/action-result";
import { getDb } from "@/lib/services";
import { requireActor } from "@/lib/session";

export async function confirmTotpAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor({ isTotpEnrollment: true });
  const result = await runAction(async () => {
    await confirmTotpEnrollment({ db: getDb(), actor, code: String(formData.get("code") ?? "") });
    return { status: "success", message: "Double authentification activée." };
  });
  if (result.status === "success") redirect(actor.adminTenantIds.length > 0 || actor.isPlatformOperator ? "/admin" : "/mail");
  return result;
}
