import { RPPS_ACTIVITY_HEADER_2026 } from "../rpps-activity-columns";

/**
 * A small PS_LibreAcces_Personne_activite file in the 2025–26 layout (56 columns, every line
 * ending with `|`): `people` professionals, every third one with a second activity.
 */
export function buildRppsActivityFile({ people, header = [...RPPS_ACTIVITY_HEADER_2026] }: { people: number; header?: string[] }): string {
  const at = (name: string) => header.indexOf(name);
  const lines = [`${header.join("|")}|`];
  for (let i = 0; i < people; i++) {
    const rpps = `10${String(100_000_000 + i).slice(-9)}`;
    const activities = i % 3 === 0 ? 2 : 1;
    for (let a = 0; a < activities; a++) {
      const cells = Array<string>(header.length).fill("");
      const set = (name: string, value: string) => {
        if (at(name) >= 0) cells[at(name)] = value;
      };
      set("Type d'identifiant PP", "8");
      set("Identifiant PP", rpps);
      set("Identification nationale PP", `8${rpps}`);
      set("Libellé civilité d'exercice", "Docteur");
      set("Nom d'exercice", i % 2 ? "DUPRÉ" : "MARTIN");
      set("Prénom d'exercice", "Hélène");
      set("Code profession", "10");
      set("Libellé profession", "Médecin");
      set("Code savoir-faire", "SM54");
      set("Numéro FINESS site", a === 0 ? "" : "750000001");
      set("Raison sociale site", a === 0 ? "CABINET DU DR MARTIN" : "CENTRE HOSPITALIER");
      set("Code postal (coord. structure)", "75013");
      set("Libellé commune (coord. structure)", "Paris");
      set("Code Département (structure)", "75");
      set("Code rôle", "FON-01");
      lines.push(`${cells.join("|")}|`);
    }
  }
  return `${lines.join("\n")}\n`;
}
