// Invented professionals the stand-in knows; any other `8`+11 digits logs in as a generic one.
// Claims are shaped like Pro Santé Connect's userinfo (SubjectNameID = national id).
export const IDENTITIES = {
  "810000000001": { given: "Jeanne", family: "Martin", civility: "DR", profession: "10" },
  "810000000002": { given: "Paul", family: "Durand", civility: "DR", profession: "10" },
  "810000000003": { given: "Amina", family: "Benali", civility: "DR", profession: "10" },
};

export function pscClaims(nationalId) {
  const who = IDENTITIES[nationalId] ?? { given: "Praticien", family: `Test ${nationalId.slice(-4)}`, civility: "DR", profession: "10" };
  return {
    sub: `f:psc-standin:${nationalId}`,
    SubjectNameID: nationalId,
    preferred_username: nationalId,
    given_name: who.given,
    family_name: who.family,
    email_verified: false,
    otherIds: [{ identifiant: nationalId.slice(1), origine: nationalId.startsWith("8") ? "RPPS" : "ADELI", qualite: 1 }],
    SubjectRefPro: {
      codeCivilite: who.civility,
      exercices: [
        {
          codeProfession: who.profession,
          codeCategorieProfessionnelle: "C",
          codeCiviliteDexercice: who.civility,
          nomDexercice: who.family.toUpperCase(),
          prenomDexercice: who.given,
          codeTypeSavoirFaire: "S",
          codeSavoirFaire: "SM26",
          activities: [],
        },
      ],
    },
  };
}
