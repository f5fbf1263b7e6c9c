import { randomInt, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import type { Db } from "@mss/db/client";
import type { AccessRight, MailboxStatus, MailboxType } from "@mss/db/types";
import { type Actor, getActor } from "../actor/actor";
import { normalizeDn } from "../trust/distinguished-name";
import { getTestEnv, type PkiName, pkiFile, uniqueSuffix } from "./test-env";

export interface TestTenant {
  id: string;
  slug: string;
  domain: { id: string; name: string };
}

export interface TestMailbox {
  id: string;
  tenantId: string;
  address: string;
  type: MailboxType;
  status: MailboxStatus;
}

/** Canonical subject DN of a PEM certificate, the way the whitelist stores it (prisma/seed.ts). */
export function certificateDnOf(certificateFile: string): string {
  const subject = new X509Certificate(readFileSync(certificateFile)).subject;
  return normalizeDn(subject.split("\n").join(","));
}

/** `8` + an 11-digit RPPS nobody else uses. */
function randomRppsNationalId(): string {
  return `8${Array.from({ length: 11 }, () => randomInt(10)).join("")}`;
}

/**
 * Rows a test needs, each with random names (tenants, domains under `.mssante.test`,
 * mailboxes, accounts, whitelist entries), and `cleanup()` that deletes what was created,
 * including spool rows to or from those domains and their maildirs.
 */
export function createFactories(db: Db) {
  const tenantIds: string[] = [];
  const accountIds: string[] = [];
  const nationalIds: string[] = [];
  const hostedDomains: string[] = [];
  const peerDomains: string[] = [];

  const factories = {
    /** A national id tracked for cleanup (createMailbox may create the professional). */
    nationalId(): string {
      const id = randomRppsNationalId();
      nationalIds.push(id);
      return id;
    },

    /** A domain name nobody hosts, for a peer operator or a stranger. */
    foreignDomain(label = "peer"): string {
      const name = `${label}-${uniqueSuffix()}.mssante.test`;
      peerDomains.push(name);
      return name;
    },

    /** A tenant with one hosted domain. */
    async tenant(): Promise<TestTenant> {
      const suffix = uniqueSuffix();
      const tenant = await db.tenant.create({ data: { slug: `it-${suffix}`, name: `Établissement de test ${suffix}` } });
      tenantIds.push(tenant.id);
      const domain = await factories.domain(tenant.id);
      return { id: tenant.id, slug: tenant.slug, domain };
    },

    async domain(tenantId: string): Promise<{ id: string; name: string }> {
      const name = `h-${uniqueSuffix()}.mssante.test`;
      hostedDomains.push(name);
      return db.domain.create({ data: { tenantId, name }, select: { id: true, name: true } });
    },

    async mailbox({
      tenant,
      domain = tenant.domain,
      type = "ORG",
      status = "active",
      localPart = `bal-${uniqueSuffix()}`,
      professionalId = null,
    }: {
      tenant: TestTenant;
      domain?: { id: string; name: string };
      type?: MailboxType;
      status?: MailboxStatus;
      localPart?: string;
      professionalId?: string | null;
    }): Promise<TestMailbox> {
      return db.mailbox.create({
        data: { tenantId: tenant.id, domainId: domain.id, address: `${localPart}@${domain.name}`, type, status, displayName: `Boîte ${localPart}`, professionalId },
        select: { id: true, tenantId: true, address: true, type: true, status: true },
      });
    },

    /** A professional (RPPS), their PER mailbox and their Pro Santé Connect account. */
    async professionalWithMailbox({ tenant }: { tenant: TestTenant }): Promise<{ mailbox: TestMailbox; actor: Actor }> {
      const nationalId = factories.nationalId();
      const professional = await db.professional.create({
        data: { nationalId, idType: "RPPS", firstName: "Camille", lastName: `Test${uniqueSuffix()}` },
      });
      const mailbox = await factories.mailbox({ tenant, type: "PER", localPart: `dr-${uniqueSuffix()}`, professionalId: professional.id });
      const account = await db.account.create({ data: { kind: "psc", nationalId, displayName: `Dr Camille ${professional.lastName}` } });
      accountIds.push(account.id);
      return { mailbox, actor: await factories.actor(account.id) };
    },

    /** A local staff account with no role anywhere. */
    async staffAccount(label = "staff"): Promise<Actor> {
      const account = await db.account.create({
        data: { kind: "local", email: `${label}-${uniqueSuffix()}@staff.mssante.test`, displayName: `${label} de test` },
      });
      accountIds.push(account.id);
      return factories.actor(account.id);
    },

    async tenantAdmin(tenant: TestTenant): Promise<Actor> {
      const actor = await factories.staffAccount("admin");
      await db.membership.create({ data: { tenantId: tenant.id, accountId: actor.accountId, role: "admin" } });
      return factories.actor(actor.accountId);
    },

    async delegate({ mailbox, actor, rights }: { mailbox: TestMailbox; actor: Actor; rights: AccessRight[] }): Promise<void> {
      await db.mailboxAccess.create({ data: { tenantId: mailbox.tenantId, mailboxId: mailbox.id, accountId: actor.accountId, rights } });
    },

    async actor(accountId: string): Promise<Actor> {
      const actor = await getActor({ db, accountId });
      if (!actor) throw new Error(`account ${accountId} vanished`);
      return actor;
    },

    /** Whitelists `domain` for the subject DN of one of the dev PKI certificates. */
    async trust({ domain, certificate }: { domain: string; certificate: PkiName }): Promise<string> {
      if (!peerDomains.includes(domain) && !hostedDomains.includes(domain)) peerDomains.push(domain);
      const certificateDn = certificateDnOf(pkiFile(certificate));
      await db.trustedDomain.create({ data: { domain, certificateDn, description: "integration test", source: "test" } });
      return certificateDn;
    },

    /** Spool rows to or from the test domains (the gateway and sendMessage create them). */
    spoolWhere(domains: string[] = [...hostedDomains, ...peerDomains]) {
      return {
        OR: domains.flatMap((d) => [{ mailFrom: { endsWith: `@${d}` } }, { recipients: { some: { address: { endsWith: `@${d}` } } } }]),
      };
    },

    async cleanup(): Promise<void> {
      const domains = [...hostedDomains, ...peerDomains];
      if (domains.length > 0) await db.spooledMessage.deleteMany({ where: factories.spoolWhere(domains) });
      const byTenantOrAccount = { OR: [{ tenantId: { in: tenantIds } }, { accountId: { in: accountIds } }] };
      await db.auditEvent.deleteMany({ where: { OR: [{ tenantId: { in: tenantIds } }, { actorAccountId: { in: accountIds } }] } });
      await db.mailboxAccess.deleteMany({ where: byTenantOrAccount });
      await db.membership.deleteMany({ where: byTenantOrAccount });
      await db.mailbox.deleteMany({ where: { tenantId: { in: tenantIds } } });
      await db.professional.deleteMany({ where: { nationalId: { in: nationalIds } } });
      await db.domain.deleteMany({ where: { tenantId: { in: tenantIds } } });
      await db.tenant.deleteMany({ where: { id: { in: tenantIds } } });
      await db.account.deleteMany({ where: { OR: [{ id: { in: accountIds } }, { nationalId: { in: nationalIds } }] } });
      await db.trustedDomain.deleteMany({ where: { domain: { in: domains } } });
      const dataDir = getTestEnv().DATA_DIR;
      if (dataDir) await Promise.all(hostedDomains.map((d) => rm(resolve(dataDir, "mail", d), { recursive: true, force: true })));
    },
  };
  return factories;
}

export type Factories = ReturnType<typeof createFactories>;
