import { z } from "zod";
import { patchRequestPath, type TMailboxPatch } from "./build-mailbox-patch";

/**
 * What became of one PATCH: `rejected` is final (the directory refused this request and will
 * refuse it again), `unavailable` is worth retrying (5xx, 408, 429, network, timeout).
 */
export type PatchOutcome =
  | { kind: "succeeded"; httpStatus: number }
  | { kind: "rejected"; httpStatus: number; message: string }
  | { kind: "unavailable"; httpStatus: number | null; message: string };

export interface FhirDirectoryClient {
  patch(request: TMailboxPatch): Promise<PatchOutcome>;
}

// The directory answers errors as OperationOutcome (MSSANTE.md 9.3); anything else is only text.
const ZOperationOutcome = z.object({
  resourceType: z.literal("OperationOutcome"),
  issue: z
    .array(z.object({ severity: z.string().optional(), code: z.string().optional(), diagnostics: z.string().optional(), details: z.object({ text: z.string().optional() }).optional() }))
    .default([]),
});

const MAX_ERROR_CHARS = 500;

const STATUS_MEANINGS: Record<number, string> = {
  400: "requête refusée",
  404: "aucune ressource ne porte cet identifiant dans l'annuaire national",
  412: "plusieurs ressources portent cet identifiant dans l'annuaire national",
  422: "modification refusée par l'annuaire national",
};

function outcomeText(body: string): string | null {
  try {
    const parsed = ZOperationOutcome.safeParse(JSON.parse(body));
    if (!parsed.success) return null;
    const texts = parsed.data.issue.map((i) => i.details?.text ?? i.diagnostics ?? i.code).filter((t): t is string => Boolean(t));
    return texts.length > 0 ? texts.join(" ; ") : null;
  } catch {
    return null;
  }
}

/** Permanent unless the server may answer differently later. */
function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/**
 * Client of the national directory's write API: conditional FHIR PATCH
 * (`PATCH <base>/Practitioner?identifier=<system>|<value>`, `application/fhir+json`), with the
 * `ESANTE-API-KEY` header when a key is configured and a timeout per request.
 */
export function createFhirDirectoryClient({ baseUrl, apiKey, timeoutMs }: { baseUrl: string; apiKey?: string | undefined; timeoutMs: number }): FhirDirectoryClient {
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return {
    async patch(request) {
      const url = new URL(patchRequestPath(request.target), base);
      const headers: Record<string, string> = { "content-type": "application/fhir+json", accept: "application/fhir+json" };
      if (apiKey) headers["ESANTE-API-KEY"] = apiKey;
      let response: Response;
      let body: string;
      try {
        response = await fetch(url, { method: "PATCH", headers, body: JSON.stringify(request.body), signal: AbortSignal.timeout(timeoutMs) });
        body = await response.text();
      } catch (error) {
        const isTimeout = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        const detail = isTimeout ? `pas de réponse en ${timeoutMs} ms` : error instanceof Error ? error.message : String(error);
        return { kind: "unavailable", httpStatus: null, message: `Annuaire national injoignable (${detail}).` };
      }
      if (response.ok) return { kind: "succeeded", httpStatus: response.status };
      const meaning = STATUS_MEANINGS[response.status] ?? (isRetryableStatus(response.status) ? "annuaire national indisponible" : "requête refusée");
      const detail = outcomeText(body);
      const message = `HTTP ${response.status} : ${meaning}${detail ? ` — ${detail}` : ""}.`.slice(0, MAX_ERROR_CHARS);
      return isRetryableStatus(response.status)
        ? { kind: "unavailable", httpStatus: response.status, message }
        : { kind: "rejected", httpStatus: response.status, message };
    },
  };
}
