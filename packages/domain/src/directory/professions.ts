import { normalizeSearchText } from "./normalize-search-text";

/**
 * Professions of the national directory (nomenclature TRE_G15 "Profession", the codes the
 * extract carries in "Code Profession"). Lets the search accept a label as well as a code and
 * gives the directory page its list.
 */
export const PROFESSIONS = [
  { code: "10", label: "Médecin" },
  { code: "21", label: "Pharmacien" },
  { code: "26", label: "Audioprothésiste" },
  { code: "28", label: "Opticien-Lunetier" },
  { code: "40", label: "Chirurgien-Dentiste" },
  { code: "50", label: "Sage-Femme" },
  { code: "60", label: "Infirmier" },
  { code: "70", label: "Masseur-Kinésithérapeute" },
  { code: "80", label: "Pédicure-Podologue" },
  { code: "81", label: "Orthoprothésiste" },
  { code: "86", label: "Diététicien" },
  { code: "91", label: "Orthophoniste" },
  { code: "92", label: "Orthoptiste" },
  { code: "94", label: "Ergothérapeute" },
  { code: "95", label: "Psychomotricien" },
  { code: "96", label: "Manipulateur ERM" },
] as const;

/** The code of a profession given by code or by label (any case or accents), else null. */
export function getProfessionCode(value: string): string | null {
  const trimmed = value.trim();
  if (/^\d{1,3}$/.test(trimmed)) return trimmed;
  const key = normalizeSearchText(trimmed);
  return PROFESSIONS.find((p) => normalizeSearchText(p.label) === key)?.code ?? null;
}
