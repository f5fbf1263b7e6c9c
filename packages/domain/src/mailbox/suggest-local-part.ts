/** "Hélène", "O'Neill" → "helene.o-neill": the usual local part of a personal mailbox. */
export function suggestLocalPart(firstName: string, lastName: string): string {
  const ascii = (s: string) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
  return `${ascii(firstName)}.${ascii(lastName)}`;
}
