import { suggestRecipients, ZSuggestRecipientsInput } from "@mss/domain/directory/suggest-recipients";
import { AppError } from "@mss/domain/errors/app-error";
import { jsonResponse, queryOf, requireApiActor } from "@/lib/api";
import { getDb } from "@/lib/services";

export const dynamic = "force-dynamic";

/** GET /api/directory/suggest?text=…&limit=… — compose autocomplete for the signed-in user. */
export async function GET(request: Request) {
  return jsonResponse(async () => {
    const actor = await requireApiActor();
    const parsed = ZSuggestRecipientsInput.safeParse(queryOf(request));
    if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues.map((i) => i.message).join(" · "));
    return { suggestions: await suggestRecipients({ db: getDb(), actor, input: parsed.data }) };
  });
}
