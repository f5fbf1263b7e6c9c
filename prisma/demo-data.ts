// The demo operator seeded by `npm start` and used by the e2e journeys. Every person is
// invented; the passwords and TOTP keys are for local demonstration only.
export const DEMO = {
  tenant: { slug: "gcs-demo", name: "GCS e-Santé Démo" },
  domain: "gcs-demo.mssante.fr",
  doctor: { nationalId: "810000000001", firstName: "Jeanne", lastName: "Martin", address: "jeanne.martin@gcs-demo.mssante.fr" },
  orgMailbox: { address: "secretariat.cardiologie@gcs-demo.mssante.fr", displayName: "Secrétariat de cardiologie" },
  secretary: { email: "sophie.bernard@gcs-demo.mssante.fr", password: "Secretaire-Demo-2026!", displayName: "Sophie Bernard", totpSecret: "KRUGKIDROVUWG2ZABJZG653OOZ2SA2LT" },
  admin: { email: "admin@gcs-demo.mssante.fr", password: "Admin-Demo-2026!", displayName: "Marc Lefèvre (GCS)", totpSecret: "IFSG22LOFVSGK3LPFVTWG4ZNGIYDENRB" },
  operator: { email: "operateur@plateforme.local", password: "Operateur-Demo-2026!", displayName: "Opérateur de la plateforme", totpSecret: "J5YGK4TBORSXK4RNIRSW23ZNGIYDENRB" },
  peerDomain: "operateur-pair.mssante.fr",
} as const;
