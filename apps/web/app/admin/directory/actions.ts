"use server";

import { requestDirectorySync, ZRequestDirectorySyncInput } from "@mss/domain/directory/request-directory-sync";
import { AppError } from "@mss/domain/errors/app-error";
import { revalidatePath } from "next/cache";
import { type ActionState, runAction } from "@/lib/action-result";
import { getEnv } from "@/lib/env";
import { getDb, getDirectoryQueue } from "@/lib/services";
import { requireActor } from "@/lib/session";

export async function requestDirectorySyncAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  return runAction(async () => {
    const parsed = ZRequestDirectorySyncInput.safeParse({ kind: formData.get("kind"), source: formData.get("source") });
    if (!parsed.success) throw new AppError("INVALID_INPUT", "Indiquez une URL http(s) ou un chemin absolu sur le serveur, et le type de fichier.");
    await requestDirectorySync({ db: getDb(), actor, queue: getDirectoryQueue(), input: parsed.data, importDir: getEnv().DIRECTORY_IMPORT_DIR });
    revalidatePath("/admin/directory");
    return { status: "success", message: "Synchronisation demandée : elle apparaît ci-dessous et démarre dès que le worker la prend." };
  }, formData);
}
