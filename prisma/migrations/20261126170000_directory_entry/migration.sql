-- CreateTable
CREATE TABLE "directory_entry" (
    "address" TEXT NOT NULL,
    "mailboxType" TEXT NOT NULL,
    "ppIdType" TEXT,
    "ppId" TEXT,
    "nationalId" TEXT,
    "structureIdType" TEXT,
    "structureId" TEXT,
    "service" TEXT,
    "civility" TEXT,
    "lastName" TEXT,
    "firstName" TEXT,
    "professionCategoryCode" TEXT,
    "professionCategoryLabel" TEXT,
    "professionCode" TEXT,
    "professionLabel" TEXT,
    "specialtyCode" TEXT,
    "specialtyLabel" TEXT,
    "isDematerialized" BOOLEAN,
    "organizationName" TEXT,
    "organizationBrand" TEXT,
    "addressComplement" TEXT,
    "distributionComplement" TEXT,
    "streetNumber" TEXT,
    "streetNumberComplement" TEXT,
    "streetType" TEXT,
    "streetName" TEXT,
    "locality" TEXT,
    "deliveryLine" TEXT,
    "postalCode" TEXT,
    "department" TEXT,
    "country" TEXT,
    "town" TEXT,
    "rowHash" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "directory_entry_pkey" PRIMARY KEY ("address")
);

-- CreateIndex
CREATE INDEX "directory_entry_nationalId_idx" ON "directory_entry"("nationalId");

