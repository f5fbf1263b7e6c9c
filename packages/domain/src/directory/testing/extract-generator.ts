import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { EXTRACT_HEADER } from "../extract-columns";

/**
 * Synthetic "Extraction Correspondance MSSanté" files in the national layout (UTF-8, `|`, one
 * header line, 31 columns, LF), deterministic for a seed: every person, address and structure is
 * invented. Same layout and irregular rows (`quirks`) as the reference generator in
 * shared/fixtures/directory, kept here because the product and its bench must not depend on it.
 *
 * `mutation` derives the "next day's" file of the same seed: each line is dropped or changed
 * with probability rate/3, and a new mailbox follows with probability rate/3.
 */
export interface GenerateExtractOptions {
  rows: number;
  seed?: number;
  /** Irregular rows seen in real extracts: duplicate address, upper case, empty postal fields... */
  quirks?: boolean;
  mutation?: { rate: number; seed: number };
}

function prng(initial: number): () => number {
  let seed = initial >>> 0;
  // mulberry32, as the reference generator, so the same seed gives the same people.
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LAST = ["MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU", "LAURENT", "SIMON", "MICHEL", "LEFEBVRE",
  "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT", "MULLER",
  "LEFEVRE", "FAURE", "ANDRE", "MERCIER", "BLANC", "GUERIN", "BOYER", "GARNIER", "CHEVALIER", "FRANCOIS", "LEGRAND", "GAUTHIER", "GARCIA", "PERRIN",
  "ROBIN", "CLEMENT", "MORIN", "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU", "GAUTIER", "MASSON", "NGUYEN", "BENALI", "TRAORE"];
const FIRST = ["Marie", "Jean", "Pierre", "Michel", "Philippe", "Nathalie", "Isabelle", "Sophie", "Catherine", "Anne", "Nicolas", "Julien", "Camille",
  "Léa", "Chloé", "Emma", "Hélène", "Frédéric", "Stéphane", "Céline", "Aurélie", "François", "Thérèse", "Noémie", "Loïc", "Gaëlle", "Jérôme", "Cécile",
  "Benoît", "Agnès", "Karim", "Fatou", "Yann"];
type Profession = [code: string, label: string, weight: number, domainLabel: string, specialties: Array<[string, string]>];
const PROFESSIONS: Profession[] = [
  ["10", "Médecin", 40, "medecin", [["SM26", "Qualifié en Médecine Générale"], ["SM54", "Médecine générale"], ["SM04", "Cardiologie et maladies vasculaires"],
    ["SM15", "Gynécologie-obstétrique"], ["SM42", "Psychiatrie"], ["SM40", "Pédiatrie"], ["SM02", "Anesthesie-réanimation"], ["SM44", "Radio-diagnostic"]]],
  ["60", "Infirmier", 22, "infirmier", [["", ""]]],
  ["21", "Pharmacien", 10, "pharmacien", [["", ""]]],
  ["70", "Masseur-Kinésithérapeute", 9, "masseur-kinesitherapeute", [["", ""]]],
  ["40", "Chirurgien-Dentiste", 6, "chirurgien-dentiste", [["", ""], ["SCD01", "Orthopédie dento-faciale"]]],
  ["50", "Sage-Femme", 4, "sage-femme", [["", ""]]],
  ["80", "Pédicure-Podologue", 2, "pedicure-podologue", [["", ""]]],
  ["91", "Orthophoniste", 3, "orthophoniste", [["", ""]]],
  ["92", "Orthoptiste", 1, "orthoptiste", [["", ""]]],
];
const PROFESSION_WEIGHT = PROFESSIONS.reduce((sum, p) => sum + p[2], 0);
const CITIES: Array<[string, string, string]> = [["75013", "PARIS", "75"], ["69003", "LYON", "69"], ["13005", "MARSEILLE", "13"],
  ["31059", "TOULOUSE CEDEX 9", "31"], ["33000", "BORDEAUX", "33"], ["59000", "LILLE", "59"], ["44093", "NANTES CEDEX 1", "44"],
  ["67000", "STRASBOURG", "67"], ["35000", "RENNES", "35"], ["63000", "CLERMONT-FERRAND", "63"], ["76031", "ROUEN CEDEX", "76"],
  ["34295", "MONTPELLIER CEDEX 5", "34"], ["97400", "SAINT-DENIS", "974"], ["97200", "FORT-DE-FRANCE", "972"], ["03100", "MONTLUÇON", "03"],
  ["62300", "LENS", "62"], ["29200", "BREST", "29"], ["87000", "LIMOGES", "87"]];
const STREET_TYPES = ["R", "AV", "BD", "PL", "CHE"];
const STREETS = ["DE LA RÉPUBLIQUE", "VICTOR HUGO", "JEAN JAURÈS", "PASTEUR", "DU GÉNÉRAL DE GAULLE", "DES ÉCOLES", "DE L'HÔPITAL", "GAMBETTA", "FOCH",
  "CLAUDE BERNARD"];
const HOSPITAL_DOMAINS = ["chu-exemple", "ch-montagne", "clinique-des-cedres", "ghu-nord", "chr-littoral", "ehpad-les-tilleuls"];
const SERVICES = ["Service de cardiologie", "Urgences", "Secrétariat médical", "Laboratoire de biologie médicale", "Service de pédiatrie",
  "Imagerie médicale", "Bureau des admissions", "Pharmacie à usage intérieur"];

const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Column of "Dématérialisation": flipped to make a "changed" line. */
const DEMAT = 17;

/** The lines of a file (header first), without line ends. */
export function* generateExtractLines({ rows, seed = 42, quirks = false, mutation }: GenerateExtractOptions): Generator<string> {
  const rand = prng(seed);
  const mutate = mutation ? prng(mutation.seed) : null;
  const third = (mutation?.rate ?? 0) / 3;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join("");
  const pickProfession = (): Profession => {
    let r = rand() * PROFESSION_WEIGHT;
    for (const p of PROFESSIONS) {
      r -= p[2];
      if (r < 0) return p;
    }
    return PROFESSIONS[0] as Profession;
  };
  const structure = () => {
    const [cp, city, dept] = pick(CITIES);
    const typeCode = pick(STREET_TYPES);
    if (rand() >= 0.85) return { id: ["", ""], fields: Array<string>(13).fill("") };
    const finess = digits(9);
    const name = rand() < 0.4 ? `CABINET MEDICAL ${pick(STREETS)}` : `CENTRE HOSPITALIER ${city.split(" ")[0]}`;
    return {
      id: ["1", `1${finess}`],
      fields: [name, rand() < 0.2 ? "SITE PRINCIPAL" : "", rand() < 0.1 ? "BATIMENT B" : "", rand() < 0.1 ? "BP 123" : "",
        String(1 + Math.floor(rand() * 120)), rand() < 0.05 ? "B" : "", typeCode, pick(STREETS), "", `${cp} ${city}`, cp, dept, "FRANCE"],
    };
  };
  let added = 0;
  const out: string[] = [];
  const emit = (cols: string[]) => {
    if (!mutate) {
      out.push(cols.join("|"));
      return;
    }
    const r = mutate();
    if (r >= third) {
      if (r < 2 * third) cols[DEMAT] = cols[DEMAT] === "True" ? "False" : "True";
      out.push(cols.join("|"));
    }
    if (mutate() < third) {
      added++;
      out.push(["PER", `nouveau.${added}@nouveau.mssante.fr`, ...cols.slice(2)].join("|"));
    }
  };

  yield EXTRACT_HEADER;
  for (let i = 0; i < rows; i++) {
    const s = structure();
    if (rand() < 0.15) {
      const domain = `${pick(HOSPITAL_DOMAINS)}.mssante.fr`;
      const service = pick(SERVICES);
      const address = `${ascii(service)}.${i}@${domain}`;
      emit(["ORG", address, "", "", "", s.id[0] || "1", s.id[1] || `1${digits(9)}`, service, "", "", "", "", "", "", "", "", "", "", ...s.fields]);
    } else {
      const [code, label, , domainLabel, specialties] = pickProfession();
      const [specialtyCode, specialtyLabel] = pick(specialties);
      const last = pick(LAST);
      const first = pick(FIRST);
      const rpps = `10${digits(9)}`;
      const isAdeli = rand() < 0.05;
      const typePP = isAdeli ? "0" : "8";
      const idPP = isAdeli ? digits(9) : rpps;
      const domain = rand() < 0.35 ? `${pick(HOSPITAL_DOMAINS)}.mssante.fr` : `${domainLabel}.mssante.fr`;
      const address = `${ascii(first)}.${ascii(last)}${i % 7 === 0 ? "" : `${i}`}@${domain}`;
      const civility = code === "10" ? pick(["DR", "DR", "PR"]) : pick(["M", "MME"]);
      const row = ["PER", address, typePP, idPP, `${typePP}${idPP}`, ...s.id, "", civility, last, first, "C", "Civil", code, label, specialtyCode,
        specialtyLabel, rand() < 0.6 ? "True" : "False", ...s.fields];
      emit([...row]);
      if (quirks && i % 50 === 7) {
        const variants = [
          () => emit([...row.slice(0, 18), ...Array<string>(13).fill("")]),
          () => emit(["PER", address.toUpperCase().replace(/@.*/, `@${domain}`), ...row.slice(2)]),
          () => emit(["PER", `anne-sophie.o-neill${i}@${domain}`, "8", rpps, `8${rpps}`, ...s.id, "", "MME", "O'NEILL-DUPRÉ", "Anne-Sophie", "C", "Civil",
            code, label, specialtyCode, specialtyLabel, "True", ...s.fields]),
          () => emit(["PER", `jose.nunez${i}@${domain}`, "8", rpps, `8${rpps}`, ...s.id, "", "M", "NÚÑEZ ", "José", "C", "Civil", code, label,
            specialtyCode, specialtyLabel, "False", ...s.fields]),
        ];
        pick(variants)();
      }
    }
    yield* out;
    out.length = 0;
  }
}

/** Writes a generated file, streaming (a million rows never sit in memory). */
export async function writeExtract(path: string, options: GenerateExtractOptions): Promise<void> {
  const file = createWriteStream(path);
  let buffer = "";
  for (const line of generateExtractLines(options)) {
    buffer += `${line}\n`;
    if (buffer.length > 1 << 20) {
      if (!file.write(buffer)) await once(file, "drain");
      buffer = "";
    }
  }
  file.end(buffer);
  await once(file, "finish");
}
