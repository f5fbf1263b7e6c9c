import bcrypt from "bcryptjs";

/** bcrypt (cost 12) for local staff accounts. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 12);
}

export function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  // Compare against a dummy hash when the account has none, so timing does not reveal it.
  return bcrypt.compare(password, hash ?? "$2b$12$C6UzMDM.H6dfI/f/IKxGhuQvZ8n3Dq6Bj4Sx9I6U4L7p9Ffv0wH2e");
}
