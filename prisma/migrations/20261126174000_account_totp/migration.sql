-- Local accounts (staff without e-CPS) use a password and a TOTP second factor (RFC 6238).
ALTER TABLE "account" ADD COLUMN "totpSecret" TEXT;
ALTER TABLE "account" ADD COLUMN "totpConfirmedAt" TIMESTAMP(3);
