// Stand-in for the national directory's write API (FHIR R4, JSON) in development and tests:
// conditional FHIR Patch on Practitioner / Organization by identifier, as described by the ANS
// IG "API MSSanté" (ansforge/interop-ig-fhir-api-messagerie-securisee-sante,
// input/pagecontent/spec-technique-flux-alimentation.md): 200 + the resource on success, 404 when
// no resource has the identifier, 412 when several have it, OperationOutcome on errors. It
// checks the payload shape independently of the platform's builder, keeps resources in memory,
// and can be told to answer a given status (per identifier) to exercise retries and failures.
import { createServer } from "node:http";

const METADATA_URL = "https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-ext-mailbox-mss-metadata";
const EMAIL_TYPE_URL = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-contact-point-email-type";
const SYSTEMS = { Practitioner: "urn:oid:1.2.250.1.71.4.2.1", Organization: "https://finess.esante.gouv.fr" };
const MAILBOX_TYPES = ["PER", "ORG", "APP", "CAB"];

function outcome(status, diagnostics, code = "invalid") {
  return { status, body: { resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics }] } };
}

/** Returns an error message, or null when `value` is a ContactPoint of an MSSanté mailbox. */
function checkContactPoint(value) {
  if (!value || typeof value !== "object") return "value.valueContactPoint manquant";
  if (value.system !== "email") return "ContactPoint.system doit valoir email";
  if (typeof value.value !== "string" || !/^[^@\s]+@[^@\s]+$/.test(value.value)) return "ContactPoint.value doit être une adresse";
  const extensions = Array.isArray(value.extension) ? value.extension : [];
  const emailType = extensions.find((e) => e.url === EMAIL_TYPE_URL);
  if (emailType?.valueCoding?.code !== "MSSANTE") return `extension ${EMAIL_TYPE_URL} = MSSANTE manquante`;
  const metadata = extensions.find((e) => e.url === METADATA_URL);
  if (!metadata || !Array.isArray(metadata.extension)) return `extension ${METADATA_URL} manquante`;
  const sub = (url) => metadata.extension.find((e) => e.url === url);
  const type = sub("type")?.valueCodeableConcept?.coding?.[0]?.code;
  if (!MAILBOX_TYPES.includes(type)) return "extension type (TRE_R257) manquante ou invalide";
  if (typeof sub("listeRouge")?.valueBoolean !== "boolean") return "extension listeRouge manquante";
  for (const url of ["description", "service", "responsible"]) {
    const e = sub(url);
    if (e && typeof e.valueString !== "string") return `extension ${url} doit porter valueString`;
  }
  return null;
}

/** Parses a FHIR Patch `Parameters` into operations, or returns an error message. */
function parseOperations(resourceType, body) {
  if (body?.resourceType !== "Parameters") return "le corps doit être une ressource Parameters";
  if (!Array.isArray(body.parameter) || body.parameter.length === 0) return "Parameters.parameter vide";
  const operations = [];
  for (const p of body.parameter) {
    if (p.name !== "operation" || !Array.isArray(p.part)) return "chaque paramètre doit être une operation avec des parts";
    const part = (name) => p.part.find((x) => x.name === name);
    const type = part("type")?.valueCode;
    const path = part("path")?.valueString;
    if (!["insert", "replace", "delete"].includes(type)) return `type d'opération non pris en charge : ${type}`;
    if (typeof path !== "string" || !path.startsWith(`${resourceType}.telecom`)) return `path doit cibler ${resourceType}.telecom`;
    const where = /^[A-Za-z]+\.telecom\.where\(value = '([^'\\]+)'\)$/.exec(path);
    if (type === "insert") {
      if (path !== `${resourceType}.telecom`) return "insert: path doit être la liste telecom";
      if (!Number.isInteger(part("index")?.valueInteger)) return "insert: index manquant";
    } else if (!where) {
      return `${type}: path doit sélectionner la BAL par son adresse`;
    }
    const value = part("value")?.valueContactPoint;
    if (type !== "delete") {
      const error = checkContactPoint(value);
      if (error) return `${type}: ${error}`;
    } else if (part("value")) {
      return "delete: pas de value";
    }
    operations.push({ type, address: where?.[1] ?? value.value, index: part("index")?.valueInteger, value });
  }
  return operations;
}

/**
 * Starts the stub on `port` (0: any free port). `autoCreate` makes an unknown identifier a new
 * resource instead of a 404 (handy with `npm start`). Control over HTTP as well: POST
 * /_control/seed {resourceType, identifier}, POST /_control/respond {identifier, statuses},
 * GET /_control/requests, POST /_control/reset.
 */
export async function startFhirDirectoryStub({ port = 0, host = "127.0.0.1", autoCreate = false, log = () => {} } = {}) {
  let resources = [];
  let requests = [];
  let scripted = new Map();
  let nextId = 1;

  const stub = {
    port: 0,
    /** FHIR base URL, as DIRECTORY_PUBLISH_URL. */
    url: "",
    requests,
    seed(resourceType, identifier) {
      const resource = { resourceType, id: `${resourceType.toLowerCase()}-${nextId++}`, meta: { versionId: "1" }, identifier: [{ system: SYSTEMS[resourceType], value: identifier }], telecom: [] };
      resources.push(resource);
      return resource;
    },
    /** Next answers for requests on that identifier (e.g. [503, 503]), before normal behaviour. */
    respond(identifier, statuses) {
      scripted.set(identifier, [...(scripted.get(identifier) ?? []), ...statuses]);
    },
    find(resourceType, identifier) {
      return resources.filter((r) => r.resourceType === resourceType && r.identifier.some((i) => i.value === identifier));
    },
    reset() {
      resources = [];
      requests = [];
      stub.requests = requests;
      scripted = new Map();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function handlePatch(resourceType, query, contentType, text) {
    const [system, value] = (query.get("identifier") ?? "").split("|");
    if (!value || system !== SYSTEMS[resourceType]) return outcome(400, `identifier attendu : ${SYSTEMS[resourceType]}|<valeur>`);
    const script = scripted.get(value);
    if (script && script.length > 0) {
      const status = script.shift();
      if (status >= 400) return outcome(status, `réponse forcée ${status}`, status >= 500 ? "transient" : "processing");
    }
    if (!contentType.startsWith("application/fhir+json")) return outcome(415, "Content-Type attendu : application/fhir+json", "not-supported");
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return outcome(400, "JSON invalide", "structure");
    }
    const operations = parseOperations(resourceType, body);
    if (typeof operations === "string") return outcome(400, operations);
    let matches = stub.find(resourceType, value);
    if (matches.length === 0 && autoCreate) matches = [stub.seed(resourceType, value)];
    if (matches.length === 0) return outcome(404, `Aucune ressource ${resourceType} avec l'identifiant ${value}`, "not-found");
    if (matches.length > 1) return outcome(412, `${matches.length} ressources ${resourceType} portent l'identifiant ${value}`, "multiple-matches");
    const resource = matches[0];
    const telecom = structuredClone(resource.telecom);
    for (const op of operations) {
      const at = telecom.findIndex((t) => t.value === op.address);
      if (op.type === "insert") {
        if (at >= 0) return outcome(422, `La BAL ${op.address} existe déjà`, "duplicate");
        telecom.splice(op.index, 0, op.value);
      } else if (op.type === "replace") {
        if (at < 0) return outcome(422, `Aucune BAL ${op.address} sur cette ressource`, "not-found");
        const type = (t) => t.extension?.find((e) => e.url === METADATA_URL)?.extension?.find((e) => e.url === "type")?.valueCodeableConcept?.coding?.[0]?.code;
        if (type(telecom[at]) !== type(op.value)) return outcome(422, "Le type d'une BAL ne peut pas changer", "business-rule");
        telecom[at] = op.value;
      } else if (at >= 0) {
        telecom.splice(at, 1);
      }
    }
    resource.telecom = telecom;
    resource.meta.versionId = String(Number(resource.meta.versionId) + 1);
    resource.meta.lastUpdated = new Date().toISOString();
    return { status: 200, body: resource };
  }

  function handleControl(method, path, body) {
    if (method === "GET" && path === "/_control/requests") return { status: 200, body: requests };
    if (method === "POST" && path === "/_control/reset") {
      stub.reset();
      return { status: 204 };
    }
    if (method === "POST" && path === "/_control/seed") return { status: 201, body: stub.seed(body.resourceType, body.identifier) };
    if (method === "POST" && path === "/_control/respond") {
      stub.respond(body.identifier, body.statuses);
      return { status: 204 };
    }
    return outcome(404, "unknown control endpoint", "not-found");
  }

  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://stub");
      const match = /^\/fhir\/(Practitioner|Organization)$/.exec(url.pathname);
      let result;
      try {
        if (url.pathname.startsWith("/_control/")) result = handleControl(req.method, url.pathname, text ? JSON.parse(text) : {});
        else if (req.method === "PATCH" && match) {
          requests.push({
            resourceType: match[1],
            identifier: url.searchParams.get("identifier"),
            contentType: req.headers["content-type"] ?? "",
            apiKey: req.headers["esante-api-key"] ?? null,
            body: (() => {
              try {
                return JSON.parse(text);
              } catch {
                return text;
              }
            })(),
          });
          result = handlePatch(match[1], url.searchParams, String(req.headers["content-type"] ?? ""), text);
          log(`${req.method} ${url.pathname}?${url.searchParams} -> ${result.status}`);
        } else result = outcome(405, "seul PATCH conditionnel sur Practitioner et Organization est pris en charge", "not-supported");
      } catch (error) {
        result = outcome(500, String(error), "exception");
      }
      res.writeHead(result.status, result.body ? { "content-type": "application/fhir+json" } : {});
      res.end(result.body ? JSON.stringify(result.body) : undefined);
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  stub.port = typeof address === "object" && address ? address.port : port;
  stub.url = `http://${host}:${stub.port}/fhir`;
  return stub;
}
