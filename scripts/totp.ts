// `npm run totp -- <base32 key>`: prints the current code of a TOTP key (demo accounts).
import { decodeBase32, totpCode } from "@mss/domain/account/totp";

const key = process.argv[2];
if (!key) {
  console.error("usage: npm run totp -- <base32 key>");
  process.exit(2);
}
console.log(totpCode(decodeBase32(key), Date.now() / 1000));
