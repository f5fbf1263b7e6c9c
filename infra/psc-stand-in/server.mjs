// Stand-in for Pro Santé Connect in development and tests: a real OpenID Connect provider
// (oidc-provider) with PSC's shape: scope `openid scope_all`, acr `eidas1`, PKCE required,
// authorization code flow, claims served by userinfo, SubjectNameID = `8`+RPPS.
// The login page asks for the national id instead of an e-CPS approval.
import { createServer } from "node:http";
import Provider from "oidc-provider";
import { pscClaims } from "./identities.mjs";

const port = Number(process.env.PSC_PORT ?? 4000);
const issuer = process.env.PSC_ISSUER ?? `http://127.0.0.1:${port}`;
const webUrl = process.env.WEB_URL ?? "http://localhost:3000";

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.PSC_CLIENT_ID ?? "mss-web",
      client_secret: process.env.PSC_CLIENT_SECRET ?? "local-dev-psc-secret-0123456789",
      redirect_uris: [`${webUrl}/api/auth/callback/psc`],
      post_logout_redirect_uris: [webUrl, `${webUrl}/`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  pkce: { required: () => true },
  scopes: ["openid", "scope_all"],
  claims: {
    openid: ["sub"],
    scope_all: ["SubjectNameID", "preferred_username", "given_name", "family_name", "email_verified", "otherIds", "SubjectRefPro"],
  },
  acrValues: ["eidas1"],
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: [process.env.PSC_COOKIE_KEY ?? "psc-stand-in-cookie-key-0123456789"] },
  ttl: { AccessToken: 120, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
  async findAccount(_ctx, id) {
    return { accountId: id, claims: async () => pscClaims(id) };
  },
  async loadExistingGrant(ctx) {
    // First-party client of the stand-in: no consent screen.
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid scope_all");
    await grant.save();
    return grant;
  },
});
provider.proxy = true;
for (const event of ["grant.error", "authorization.error", "userinfo.error", "server_error"]) {
  provider.on(event, (_ctx, error) => console.error(event, error.error ?? error.message, error.error_description ?? ""));
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, error) {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Pro Santé Connect (simulation)</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#1b1b1b}
label{display:block;margin:.5rem 0}input{font-size:1rem;padding:.5rem;width:100%;box-sizing:border-box}
button{margin-top:1rem;font-size:1rem;padding:.6rem 1rem;background:#000091;color:#fff;border:0;border-radius:4px}
.err{color:#b60000}</style></head><body>
<h1>Pro Santé Connect</h1><p>Environnement de simulation : aucune carte e-CPS n'est demandée.</p>
${error ? `<p class="err" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="nationalId">Identifiant national (8 + RPPS ou 0 + ADELI)</label>
<input id="nationalId" name="nationalId" inputmode="numeric" autocomplete="username" required pattern="(8[0-9]{11}|0[0-9A-Za-z]{9})">
<button type="submit">Se connecter avec e-CPS</button></form></body></html>`;
}

async function readForm(req) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const callback = provider.callback();
const server = createServer(async (req, res) => {
  const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(req.url ?? "");
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(loginPage(details.uid));
    }
    const nationalId = (await readForm(req)).get("nationalId")?.trim() ?? "";
    if (!/^(8\d{11}|0[0-9A-Za-z]{9})$/.test(nationalId)) {
      res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
      return res.end(loginPage(details.uid, "Identifiant national invalide."));
    }
    await provider.interactionFinished(req, res, { login: { accountId: nationalId, acr: "eidas1", amr: ["mfa"] } }, { mergeWithLastSubmission: false });
  } catch (error) {
    console.error("interaction failed", error);
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
    res.end(`Interaction impossible : ${error.message}`);
  }
});
server.listen(port, "127.0.0.1", () => console.log(`Pro Santé Connect stand-in on ${issuer}`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
