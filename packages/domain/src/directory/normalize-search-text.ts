/**
 * The search key of a name, as the SQL function `directory_normalize` (migration
 * `directory_search`) computes it for the indexes: lower case, no diacritics, ligatures
 * spelled out, every run of other characters as one space. Queries are normalised here so
 * that prefix ranges can be sent as plain parameters (a range on a parameter keeps the index
 * usable whatever plan PostgreSQL caches).
 */
export function normalizeSearchText(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Upper bound of the keys that start with `prefix`: keys hold only `[a-z0-9 ]`, all below
 * `{` in C collation, so `key >= prefix AND key < prefixUpperBound(prefix)` is a prefix match.
 */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}{`;
}
