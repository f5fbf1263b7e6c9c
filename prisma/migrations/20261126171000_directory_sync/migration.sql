-- Directory sync reports (progress while running, counts after) and the RPPS activity lines.
-- The staging table of a sync is created by the sync itself (UNLOGGED, under the advisory lock).

-- CreateEnum
CREATE TYPE "DirectorySyncStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "directory_sync" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" "DirectorySyncStatus" NOT NULL DEFAULT 'queued',
    "phase" TEXT NOT NULL DEFAULT 'queued',
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rate" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER,
    "changed" INTEGER,
    "removed" INTEGER,
    "unchanged" INTEGER,
    "irregular" JSONB,
    "error" TEXT,
    "requestedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "directory_sync_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rpps_activity" (
    "id" BIGSERIAL NOT NULL,
    "nationalId" TEXT NOT NULL,
    "ppIdType" TEXT,
    "ppId" TEXT,
    "civility" TEXT,
    "lastName" TEXT,
    "firstName" TEXT,
    "professionCode" TEXT,
    "professionLabel" TEXT,
    "categoryCode" TEXT,
    "specialtyCode" TEXT,
    "specialtyLabel" TEXT,
    "practiceModeCode" TEXT,
    "siret" TEXT,
    "finess" TEXT,
    "organizationName" TEXT,
    "postalCode" TEXT,
    "townCode" TEXT,
    "town" TEXT,
    "departmentCode" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "roleCode" TEXT,
    "roleLabel" TEXT,

    CONSTRAINT "rpps_activity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "directory_sync_createdAt_idx" ON "directory_sync"("createdAt");

-- CreateIndex
CREATE INDEX "rpps_activity_nationalId_idx" ON "rpps_activity"("nationalId");

-- At most one sync is queued or running per kind is enforced by the advisory lock, not here:
-- a crashed worker leaves a "running" row that the next sync marks as failed.
