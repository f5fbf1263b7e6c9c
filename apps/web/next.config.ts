import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages are TypeScript sources, compiled by Next with the app.
  transpilePackages: ["@mss/domain", "@mss/db", "@mss/mail"],
  // Node-only libraries (sockets, wasm, native-ish) stay outside the server bundle.
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "imapflow",
    "mailparser",
    "nodemailer",
    "bullmq",
    "ioredis",
    "pino",
    "sanitize-html",
    "bcryptjs",
  ],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          // "no-referrer" would make Chrome send `Origin: null`, which Next rejects for server actions.
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default config;
