-- A TOTP code is good once: the last time step accepted is kept, and an older or equal one is
-- refused (a phished or shoulder-surfed code cannot be replayed within its validity window).
ALTER TABLE "account" ADD COLUMN "totpLastStep" INTEGER;
