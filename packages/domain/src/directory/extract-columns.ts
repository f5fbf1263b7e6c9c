import type { ColumnSpec } from "./header-match";

/**
 * The 31 columns of the "Extraction Correspondance MSSanté" (MSSANTE.md §9.1), in the national
 * order, with the directory_entry column each one fills. All are required: a file without one of
 * them is not the extract we know, and loading it would blank or shift a column nationwide.
 */
export const EXTRACT_COLUMNS = [
  { field: "mailboxType", names: ["Type de BAL"] },
  { field: "address", names: ["Adresse BAL"] },
  { field: "ppIdType", names: ["Type Identifiant PP"] },
  { field: "ppId", names: ["Identifiant PP"] },
  { field: "nationalId", names: ["Identification nationale PP"] },
  { field: "structureIdType", names: ["Type identifiant structure"] },
  { field: "structureId", names: ["Identification Structure"] },
  { field: "service", names: ["Service de rattachement"] },
  { field: "civility", names: ["Civilité d'exercice"] },
  { field: "lastName", names: ["Nom d'exercice"] },
  { field: "firstName", names: ["Prénom d'exercice"] },
  { field: "professionCategoryCode", names: ["Catégorie profession"] },
  { field: "professionCategoryLabel", names: ["Libellé de catégorie profession", "Libellé catégorie profession"] },
  { field: "professionCode", names: ["Code Profession"] },
  { field: "professionLabel", names: ["Libellé Profession"] },
  { field: "specialtyCode", names: ["Code savoir-faire"] },
  { field: "specialtyLabel", names: ["Libellé savoir-faire"] },
  { field: "isDematerialized", names: ["Dématérialisation"] },
  { field: "organizationName", names: ["Raison Sociale structure BAL"] },
  { field: "organizationBrand", names: ["Enseigne commerciale structure BAL"] },
  { field: "addressComplement", names: ["L2COMPLEMENTLOCALISATION structure BAL"] },
  { field: "distributionComplement", names: ["L3COMPLEMENTDISTRIBUTION structure BAL"] },
  { field: "streetNumber", names: ["L4NUMEROVOIE structure BAL"] },
  { field: "streetNumberComplement", names: ["L4COMPLEMENTNUMEROVOIE structure BAL"] },
  { field: "streetType", names: ["NL4TYPEVOIE structure BAL"] },
  { field: "streetName", names: ["L4LIBELLEVOIE structure BAL"] },
  { field: "locality", names: ["L5LIEUDITMENTION structure BAL"] },
  { field: "deliveryLine", names: ["L6LIGNEACHEMINEMENT structure BAL"] },
  { field: "postalCode", names: ["Code postal structure BAL"] },
  { field: "department", names: ["Département structure BAL"] },
  { field: "country", names: ["Pays structure BAL"] },
] as const satisfies readonly Omit<ColumnSpec<string>, "isRequired">[];

export type TExtractField = (typeof EXTRACT_COLUMNS)[number]["field"];

export const EXTRACT_COLUMN_SPECS: readonly ColumnSpec<TExtractField>[] = EXTRACT_COLUMNS.map((column) => ({ ...column, isRequired: true }));

/** The national header line, as the extract writes it. */
export const EXTRACT_HEADER = EXTRACT_COLUMNS.map((column) => column.names[0]).join("|");

/** directory_entry columns a sync writes, in COPY order (after the staging `line` number). */
export const DIRECTORY_ENTRY_COLUMNS = [...EXTRACT_COLUMNS.map((column) => column.field), "town", "rowHash"] as const;
