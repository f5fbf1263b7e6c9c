import { readFileSync } from "node:fs";

/** Certificates of the platform: trust anchors for peers, and our own certificate and key. */
export interface TlsMaterial {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

export function loadTlsMaterial({ caFile, certFile, keyFile }: { caFile: string; certFile: string; keyFile: string }): TlsMaterial {
  return { ca: readFileSync(caFile), cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

/** TLS 1.2+ with forward-secret AEAD suites only (TLS 1.3 suites are all AEAD). */
export const TLS_POLICY = {
  minVersion: "TLSv1.2",
  ciphers: "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305",
  honorCipherOrder: true,
} as const;
