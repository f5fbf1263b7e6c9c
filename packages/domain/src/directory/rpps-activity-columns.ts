import type { ColumnSpec } from "./header-match";

/**
 * The columns of PS_LibreAcces_Personne_activite we keep (MSSANTE.md §9.2), by header name with
 * the variants seen across years: the file has had 52 then 56 columns, "(coord. Structure)"
 * capitalised, "Code fonction" for "Code rôle", and the savoir-faire columns moved to another
 * file (so they are optional). Only the identity columns are required.
 */
export const RPPS_ACTIVITY_COLUMN_SPECS = [
  { field: "ppIdType", names: ["Type d'identifiant PP"], isRequired: true },
  { field: "ppId", names: ["Identifiant PP"], isRequired: true },
  { field: "nationalId", names: ["Identification nationale PP"], isRequired: true },
  { field: "civility", names: ["Libellé civilité d'exercice", "Libellé civilité exercice"], isRequired: false },
  { field: "lastName", names: ["Nom d'exercice"], isRequired: true },
  { field: "firstName", names: ["Prénom d'exercice"], isRequired: true },
  { field: "professionCode", names: ["Code profession"], isRequired: true },
  { field: "professionLabel", names: ["Libellé profession"], isRequired: false },
  { field: "categoryCode", names: ["Code catégorie professionnelle"], isRequired: false },
  { field: "specialtyCode", names: ["Code savoir-faire"], isRequired: false },
  { field: "specialtyLabel", names: ["Libellé savoir-faire"], isRequired: false },
  { field: "practiceModeCode", names: ["Code mode exercice"], isRequired: false },
  { field: "siret", names: ["Numéro SIRET site"], isRequired: false },
  { field: "finess", names: ["Numéro FINESS site"], isRequired: false },
  { field: "organizationName", names: ["Raison sociale site"], isRequired: false },
  { field: "postalCode", names: ["Code postal (coord. structure)"], isRequired: false },
  { field: "townCode", names: ["Code commune (coord. structure)"], isRequired: false },
  { field: "town", names: ["Libellé commune (coord. structure)"], isRequired: false },
  {
    field: "departmentCode",
    names: ["Code Département (structure)", "Code département (coord. structure)", "Code Département (coord. structure)"],
    isRequired: false,
  },
  { field: "phone", names: ["Téléphone (coord. structure)"], isRequired: false },
  { field: "email", names: ["Adresse e-mail (coord. structure)"], isRequired: false },
  { field: "roleCode", names: ["Code rôle", "Code fonction"], isRequired: false },
  { field: "roleLabel", names: ["Libellé rôle", "Libellé fonction"], isRequired: false },
] as const satisfies readonly ColumnSpec<string>[];

export type TRppsActivityField = (typeof RPPS_ACTIVITY_COLUMN_SPECS)[number]["field"];

/** The 56 column names of the 2025–26 layout, for generated test files. */
export const RPPS_ACTIVITY_HEADER_2026 = [
  "Type d'identifiant PP", "Identifiant PP", "Identification nationale PP", "Code civilité d'exercice", "Libellé civilité d'exercice",
  "Code civilité", "Libellé civilité", "Nom d'exercice", "Prénom d'exercice", "Code profession", "Libellé profession",
  "Code catégorie professionnelle", "Libellé catégorie professionnelle", "Code type savoir-faire", "Libellé type savoir-faire",
  "Code savoir-faire", "Libellé savoir-faire", "Code mode exercice", "Libellé mode exercice", "Numéro SIRET site", "Numéro SIREN site",
  "Numéro FINESS site", "Numéro FINESS établissement juridique", "Identifiant technique de la structure", "Raison sociale site",
  "Enseigne commerciale site", "Complément destinataire (coord. structure)", "Complément point géographique (coord. structure)",
  "Numéro Voie (coord. structure)", "Indice répétition voie (coord. structure)", "Code type de voie (coord. structure)",
  "Libellé type de voie (coord. structure)", "Libellé Voie (coord. structure)", "Mention distribution (coord. structure)",
  "Bureau cedex (coord. structure)", "Code postal (coord. structure)", "Code commune (coord. structure)",
  "Libellé commune (coord. structure)", "Code pays (coord. structure)", "Libellé pays (coord. structure)",
  "Téléphone (coord. structure)", "Téléphone 2 (coord. structure)", "Télécopie (coord. structure)", "Adresse e-mail (coord. structure)",
  "Code Département (structure)", "Libellé Département (structure)", "Ancien identifiant de la structure", "Autorité d'enregistrement",
  "Code secteur d'activité", "Libellé secteur d'activité", "Code section tableau pharmaciens", "Libellé section tableau pharmaciens",
  "Code rôle", "Libellé rôle", "Code genre d'activité", "Libellé genre d'activité",
] as const;
