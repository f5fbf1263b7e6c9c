// Demo operator for `npm start` and the e2e journeys. Idempotent: upserts only.
// Every person is invented. Demo logins are printed by `npm start`.
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createDb } from "@mss/db/client";
import { hashPassword } from "@mss/domain/account/password";
import { normalizeDn } from "@mss/domain/trust/distinguished-name";
import { DEMO } from "./demo-data";


function certificateDn(file: string): string {
  const subject = new X509Certificate(readFileSync(file)).subject; // "C=FR\nST=…\nCN=…"
  return normalizeDn(subject.split("\n").join(","));
}

async function main() {
  const db = createDb(process.env.DATABASE_URL ?? "");
  const pki = process.env.PKI_DIR ?? resolve(import.meta.dirname, "../.data/pki");

  const tenant = await db.tenant.upsert({ where: { slug: DEMO.tenant.slug }, update: {}, create: DEMO.tenant });
  const domain = await db.domain.upsert({ where: { name: DEMO.domain }, update: {}, create: { name: DEMO.domain, tenantId: tenant.id } });

  const professional = await db.professional.upsert({
    where: { nationalId: DEMO.doctor.nationalId },
    update: {},
    create: {
      nationalId: DEMO.doctor.nationalId,
      idType: "RPPS",
      firstName: DEMO.doctor.firstName,
      lastName: DEMO.doctor.lastName,
      professionCode: "10",
      professionName: "Médecin",
    },
  });
  await db.mailbox.upsert({
    where: { address: DEMO.doctor.address },
    update: {},
    create: {
      tenantId: tenant.id,
      domainId: domain.id,
      address: DEMO.doctor.address,
      type: "PER",
      displayName: `Dr ${DEMO.doctor.firstName} ${DEMO.doctor.lastName}`,
      professionalId: professional.id,
    },
  });
  await db.account.upsert({
    where: { nationalId: DEMO.doctor.nationalId },
    update: {},
    create: { kind: "psc", nationalId: DEMO.doctor.nationalId, displayName: `Dr ${DEMO.doctor.firstName} ${DEMO.doctor.lastName}` },
  });

  const orgMailbox = await db.mailbox.upsert({
    where: { address: DEMO.orgMailbox.address },
    update: {},
    create: { tenantId: tenant.id, domainId: domain.id, address: DEMO.orgMailbox.address, type: "ORG", displayName: DEMO.orgMailbox.displayName },
  });

  // Demo staff have a confirmed second factor with a published key (`npm run totp -- <key>`).
  const local = async (who: { email: string; password: string; displayName: string; totpSecret: string }, isPlatformOperator = false) =>
    db.account.upsert({
      where: { email: who.email },
      update: { totpSecret: who.totpSecret, totpConfirmedAt: new Date(0) },
      create: {
        kind: "local",
        email: who.email,
        passwordHash: await hashPassword(who.password),
        displayName: who.displayName,
        isPlatformOperator,
        totpSecret: who.totpSecret,
        totpConfirmedAt: new Date(0),
      },
    });
  const secretary = await local(DEMO.secretary);
  await db.mailboxAccess.upsert({
    where: { mailboxId_accountId: { mailboxId: orgMailbox.id, accountId: secretary.id } },
    update: {},
    create: { tenantId: tenant.id, mailboxId: orgMailbox.id, accountId: secretary.id, rights: ["read", "send"] },
  });
  const admin = await local(DEMO.admin);
  await db.membership.upsert({
    where: { tenantId_accountId: { tenantId: tenant.id, accountId: admin.id } },
    update: {},
    create: { tenantId: tenant.id, accountId: admin.id, role: "admin" },
  });
  await local(DEMO.operator, true);

  // Development whitelist: our own MTA and the peer operator of the dev PKI. Production
  // loads the signed national list instead.
  for (const [name, file, description] of [
    [DEMO.domain, "platform.pem", "Plateforme de démonstration (PKI de développement)"],
    [DEMO.peerDomain, "peer.pem", "Opérateur pair de test (PKI de développement)"],
  ] as const) {
    const dn = certificateDn(resolve(pki, file));
    await db.trustedDomain.upsert({
      where: { domain_certificateDn: { domain: name, certificateDn: dn } },
      update: {},
      create: { domain: name, certificateDn: dn, description, source: "dev-pki" },
    });
  }
  await db.$disconnect();
  console.log(`demo operator ready: tenant ${tenant.slug}, domain ${DEMO.domain}`);
}

await main();
