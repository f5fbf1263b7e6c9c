import { parseSearchDirectoryQuery, searchDirectory } from "@mss/domain/directory/search-directory";
import { jsonResponse, queryOf, requireApiActor } from "@/lib/api";
import { getDb } from "@/lib/services";

export const dynamic = "force-dynamic";

/** GET /api/directory?text=…&profession=…&specialty=…&mailboxType=…&department=…&postcode=…&town=…&page=…&pageSize=… */
export async function GET(request: Request) {
  return jsonResponse(async () => {
    await requireApiActor();
    return searchDirectory({ db: getDb(), query: parseSearchDirectoryQuery(queryOf(request)) });
  });
}
