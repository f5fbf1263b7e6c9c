-- CreateEnum
CREATE TYPE "MailboxType" AS ENUM ('PER', 'ORG', 'APP', 'CAB');

-- CreateEnum
CREATE TYPE "MailboxStatus" AS ENUM ('active', 'suspended', 'closed');

-- CreateEnum
CREATE TYPE "AccessRight" AS ENUM ('read', 'send', 'manage');

-- CreateEnum
CREATE TYPE "AccountKind" AS ENUM ('psc', 'local');

-- CreateEnum
CREATE TYPE "TenantRole" AS ENUM ('admin');

-- CreateEnum
CREATE TYPE "NationalIdType" AS ENUM ('RPPS', 'ADELI');

-- CreateEnum
CREATE TYPE "SpoolDirection" AS ENUM ('inbound', 'outbound');

-- CreateEnum
CREATE TYPE "RecipientState" AS ENUM ('pending', 'delivered', 'deferred', 'failed');

-- CreateTable
CREATE TABLE "tenant" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "domain" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "professional" (
    "id" TEXT NOT NULL,
    "nationalId" TEXT NOT NULL,
    "idType" "NationalIdType" NOT NULL,
    "lastName" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "professionCode" TEXT,
    "professionName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "professional_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mailbox" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "type" "MailboxType" NOT NULL,
    "status" "MailboxStatus" NOT NULL DEFAULT 'active',
    "displayName" TEXT NOT NULL,
    "quotaBytes" BIGINT NOT NULL DEFAULT 2147483648,
    "professionalId" TEXT,
    "isUnlisted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mailbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "kind" "AccountKind" NOT NULL,
    "nationalId" TEXT,
    "email" TEXT,
    "passwordHash" TEXT,
    "displayName" TEXT NOT NULL,
    "isPlatformOperator" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMP(3),

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mailbox_access" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "mailboxId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "rights" "AccessRight"[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mailbox_access_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "membership" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "role" "TenantRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trusted_domain" (
    "id" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "certificateDn" TEXT NOT NULL,
    "description" TEXT,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "trusted_domain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "spooled_message" (
    "id" TEXT NOT NULL,
    "direction" "SpoolDirection" NOT NULL,
    "tenantId" TEXT,
    "mailFrom" TEXT NOT NULL,
    "messageId" TEXT,
    "sizeBytes" INTEGER NOT NULL,
    "raw" BYTEA NOT NULL,
    "clientAddress" TEXT,
    "peerCertificateDn" TEXT,
    "tlsProtocol" TEXT,
    "submittedByAccountId" TEXT,
    "fromMailboxId" TEXT,
    "sentCopyStoredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "spooled_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "spool_recipient" (
    "id" TEXT NOT NULL,
    "spoolId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "tenantId" TEXT,
    "isLocal" BOOLEAN NOT NULL,
    "state" "RecipientState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" TIMESTAMP(3),
    "lastResponse" TEXT,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "spool_recipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT,
    "actorAccountId" TEXT,
    "action" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenant_slug_key" ON "tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "domain_name_key" ON "domain"("name");

-- CreateIndex
CREATE INDEX "domain_tenantId_idx" ON "domain"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "professional_nationalId_key" ON "professional"("nationalId");

-- CreateIndex
CREATE UNIQUE INDEX "mailbox_address_key" ON "mailbox"("address");

-- CreateIndex
CREATE INDEX "mailbox_tenantId_idx" ON "mailbox"("tenantId");

-- CreateIndex
CREATE INDEX "mailbox_professionalId_idx" ON "mailbox"("professionalId");

-- CreateIndex
CREATE UNIQUE INDEX "account_nationalId_key" ON "account"("nationalId");

-- CreateIndex
CREATE UNIQUE INDEX "account_email_key" ON "account"("email");

-- CreateIndex
CREATE INDEX "mailbox_access_tenantId_idx" ON "mailbox_access"("tenantId");

-- CreateIndex
CREATE INDEX "mailbox_access_accountId_idx" ON "mailbox_access"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "mailbox_access_mailboxId_accountId_key" ON "mailbox_access"("mailboxId", "accountId");

-- CreateIndex
CREATE UNIQUE INDEX "membership_tenantId_accountId_key" ON "membership"("tenantId", "accountId");

-- CreateIndex
CREATE INDEX "trusted_domain_domain_idx" ON "trusted_domain"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "trusted_domain_domain_certificateDn_key" ON "trusted_domain"("domain", "certificateDn");

-- CreateIndex
CREATE INDEX "spooled_message_createdAt_idx" ON "spooled_message"("createdAt");

-- CreateIndex
CREATE INDEX "spool_recipient_state_idx" ON "spool_recipient"("state");

-- CreateIndex
CREATE UNIQUE INDEX "spool_recipient_spoolId_address_key" ON "spool_recipient"("spoolId", "address");

-- CreateIndex
CREATE INDEX "audit_event_tenantId_createdAt_idx" ON "audit_event"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_event_objectType_objectId_idx" ON "audit_event"("objectType", "objectId");

-- AddForeignKey
ALTER TABLE "domain" ADD CONSTRAINT "domain_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailbox" ADD CONSTRAINT "mailbox_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailbox" ADD CONSTRAINT "mailbox_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "domain"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailbox" ADD CONSTRAINT "mailbox_professionalId_fkey" FOREIGN KEY ("professionalId") REFERENCES "professional"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailbox_access" ADD CONSTRAINT "mailbox_access_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailbox_access" ADD CONSTRAINT "mailbox_access_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "mailbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailbox_access" ADD CONSTRAINT "mailbox_access_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "membership" ADD CONSTRAINT "membership_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "spool_recipient" ADD CONSTRAINT "spool_recipient_spoolId_fkey" FOREIGN KEY ("spoolId") REFERENCES "spooled_message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
