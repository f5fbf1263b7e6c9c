import { z } from "zod";

/** A mailbox address as stored: trimmed and lower case. */
export const ZMailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Adresse de messagerie invalide" }));

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}

export function localPartOf(address: string): string {
  return address.slice(0, address.lastIndexOf("@"));
}
