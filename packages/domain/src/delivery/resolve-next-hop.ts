import { resolveMx } from "node:dns/promises";

export interface NextHop {
  host: string;
  port: number;
}

/** Parses RELAY_ROUTES: "domain=host:port,domain2=host:port". */
export function parseRelayRoutes(spec: string): Map<string, NextHop> {
  const routes = new Map<string, NextHop>();
  for (const entry of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const match = /^([^=\s]+)=([^:\s]+):(\d+)$/.exec(entry);
    const port = Number(match?.[3]);
    if (!match || port < 1 || port > 65_535) throw new Error(`invalid relay route "${entry}" (expected domain=host:port)`);
    routes.set(match[1]!.toLowerCase(), { host: match[2]!, port });
  }
  return routes;
}

/** A static route when one is configured, otherwise the domain's best MX on port 25. */
export async function resolveNextHop(
  domain: string,
  routes: Map<string, NextHop>,
  lookupMx: (domain: string) => Promise<Array<{ exchange: string; priority: number }>> = resolveMx,
): Promise<NextHop[]> {
  const route = routes.get(domain.toLowerCase());
  if (route) return [route];
  const records = await lookupMx(domain);
  // A null MX (RFC 7505, exchange "." or "") means the domain takes no mail: never connect to it.
  return records
    .filter((r) => r.exchange !== "" && r.exchange !== ".")
    .sort((a, b) => a.priority - b.priority)
    .map((r) => ({ host: r.exchange, port: 25 }));
}
