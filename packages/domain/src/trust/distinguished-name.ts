/**
 * Subject DNs are compared in one canonical form. The national whitelist writes them
 * inconsistently ("CN=a,OU=b" and "CN=a, OU=b"), and Node gives a certificate's subject as
 * an object, so both go through here.
 */
const ORDER = ["CN", "OU", "O", "L", "ST", "C"] as const;

/** Canonical DN from text such as "CN=mx.example.fr, OU=123, O=ACME, ST=Rhone (69), C=FR". */
export function normalizeDn(dn: string): string {
  const parts = splitRdns(dn)
    .map((rdn) => {
      const eq = rdn.indexOf("=");
      if (eq < 1) return null;
      return { type: rdn.slice(0, eq).trim().toUpperCase(), value: rdn.slice(eq + 1).trim().replace(/\s+/g, " ") };
    })
    .filter((rdn): rdn is { type: string; value: string } => rdn !== null && rdn.value.length > 0)
    .sort((a, b) => rank(a.type) - rank(b.type) || (rank(a.type) === UNKNOWN ? a.type.localeCompare(b.type) : 0));
  return parts.map((p) => `${p.type}=${p.value}`).join(",");
}

const UNKNOWN = ORDER.length;
function rank(type: string): number {
  const index = (ORDER as readonly string[]).indexOf(type);
  return index === -1 ? UNKNOWN : index;
}

/** Canonical DN from Node's `getPeerCertificate().subject`. */
export function dnFromSubject(subject: Record<string, string | string[] | undefined>): string {
  const rdns: string[] = [];
  for (const [type, value] of Object.entries(subject)) pushValues(rdns, type, value);
  return normalizeDn(rdns.join(","));
}

function pushValues(out: string[], type: string, value: string | string[] | undefined) {
  if (value === undefined) return;
  // Escape every character splitRdns treats specially, so a value can never end its RDN or
  // start another one (a ";CN=…" inside an OU would otherwise forge a listed DN).
  for (const v of Array.isArray(value) ? value : [value]) out.push(`${type}=${v.replace(/[\\,;]/g, (ch) => `\\${ch}`)}`);
}

/** Splits on commas that are not escaped with a backslash. */
function splitRdns(dn: string): string[] {
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i];
    if (ch === "\\" && i + 1 < dn.length) {
      current += ch + dn[i + 1];
      i++;
    } else if (ch === "," || ch === ";") {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}
