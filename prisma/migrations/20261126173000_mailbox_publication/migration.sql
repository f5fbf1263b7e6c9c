-- Publication of the platform's mailboxes to the national directory (FHIR Patch on the
-- practitioner or organisation that carries the mailbox). One row per change; the
-- `publish-mailbox` job is keyed by its id.

-- CreateEnum
CREATE TYPE "PublicationOperation" AS ENUM ('insert', 'replace', 'delete');

-- CreateEnum
CREATE TYPE "PublicationStatus" AS ENUM ('pending', 'succeeded', 'failed', 'skipped');

-- AlterTable: national structure id (FINESS) of ORG/APP mailboxes, target of the conditional PATCH.
ALTER TABLE "mailbox" ADD COLUMN     "structureId" TEXT;

-- CreateTable
CREATE TABLE "mailbox_publication" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "mailboxId" TEXT NOT NULL,
    "operation" "PublicationOperation" NOT NULL,
    "status" "PublicationStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastHttpStatus" INTEGER,
    "lastError" TEXT,
    "payload" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "mailbox_publication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "mailbox_publication_tenantId_mailboxId_createdAt_idx" ON "mailbox_publication"("tenantId", "mailboxId", "createdAt");

-- CreateIndex
CREATE INDEX "mailbox_publication_status_idx" ON "mailbox_publication"("status");

-- AddForeignKey
ALTER TABLE "mailbox_publication" ADD CONSTRAINT "mailbox_publication_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "mailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;
