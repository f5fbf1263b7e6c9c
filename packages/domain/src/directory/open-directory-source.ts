import { createReadStream, createWriteStream, existsSync, realpathSync } from "node:fs";
import { mkdtemp, open, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { z } from "zod";
import { AppError } from "../errors/app-error";
import { listZipEntries, openZipEntry } from "./zip-entry-stream";

/** Where a national file comes from: an http(s) URL or an absolute path on the worker's host. */
export const ZDirectorySource = z.union([
  z.url({ protocol: /^https?$/ }),
  z.string().refine((value) => isAbsolute(value) && !value.includes("\0"), "chemin absolu attendu"),
]);

export interface OpenedSource {
  /** Uncompressed bytes of the file. */
  stream: Readable;
  format: "text" | "gzip" | "zip";
  /** Name of the entry read inside a ZIP. */
  entryName: string | null;
  cleanup(): Promise<void>;
}

const DOWNLOAD_TIMEOUT_MS = 15 * 60_000;

function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * Downloads a URL to a temporary file (a ZIP is read from its end, and a download cut short is
 * caught here by its Content-Length before anything is parsed), streaming: never in memory.
 */
async function download(url: string, directory: string, onBytes?: (bytes: number) => void): Promise<string> {
  const path = join(directory, "download");
  let response: Response;
  try {
    response = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw new AppError("TEMPORARY_FAILURE", `Téléchargement impossible : ${url}.`, { cause: error });
  }
  if (!response.ok || !response.body) {
    throw new AppError("TEMPORARY_FAILURE", `Le serveur a répondu ${response.status} pour ${url}. Aucune modification n'a été appliquée.`);
  }
  const announced = Number(response.headers.get("content-length") ?? Number.NaN);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      onBytes?.(received);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), counter, createWriteStream(path));
  } catch (error) {
    throw new AppError("TEMPORARY_FAILURE", `Téléchargement interrompu après ${received} octets. Aucune modification n'a été appliquée.`, { cause: error });
  }
  if (Number.isFinite(announced) && received !== announced) {
    throw new AppError("TEMPORARY_FAILURE", `Téléchargement incomplet : ${received} octets reçus sur ${announced} annoncés. Aucune modification n'a été appliquée.`);
  }
  return path;
}

/**
 * A server-side source must lie inside the import directory (the console must not read any file
 * of the worker's machine). URLs are not concerned. Checked when the sync is requested and again
 * by the worker.
 */
export function assertInsideImportDir(source: string, localRoot: string | undefined): void {
  if (localRoot === undefined || /^https?:\/\//i.test(source)) return;
  // Symbolic links are followed: a link inside the folder to a file elsewhere is outside.
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : resolve(path));
  const inside = relative(real(resolve(localRoot)), real(resolve(source)));
  if (inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new AppError("FORBIDDEN", `Seuls les fichiers du répertoire d'import (${localRoot}) peuvent être synchronisés.`);
  }
}

async function localPath(source: string, localRoot: string | undefined): Promise<string> {
  const path = resolve(source);
  assertInsideImportDir(source, localRoot);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new AppError("NOT_FOUND", `Fichier introuvable : ${source}.`);
  return path;
}

async function sniff(path: string): Promise<"text" | "gzip" | "zip"> {
  const file = await open(path, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await file.read(head, 0, 4, 0);
    if (bytesRead === 0) throw new AppError("INVALID_INPUT", "Le fichier est vide. Aucune modification n'a été appliquée.");
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x04034b50) return "zip";
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "gzip";
    return "text";
  } finally {
    await file.close();
  }
}

/**
 * Opens a national file, zipped, gzipped or plain. In a ZIP, `pickEntry` chooses among the entry
 * names (the RPPS archive holds three files). `cleanup` removes the downloaded copy.
 */
export async function openDirectorySource({
  source,
  localRoot,
  pickEntry = (names) => names.find((name) => name.toLowerCase().endsWith(".txt")) ?? names[0],
  onDownloadBytes,
}: {
  source: string;
  /** When set, local paths must lie inside this directory. */
  localRoot?: string;
  pickEntry?: (names: string[]) => string | undefined;
  onDownloadBytes?: (bytes: number) => void;
}): Promise<OpenedSource> {
  let tempDirectory: string | null = null;
  const cleanup = async () => {
    if (tempDirectory) await rm(tempDirectory, { recursive: true, force: true });
  };
  try {
    let path: string;
    if (isUrl(source)) {
      tempDirectory = await mkdtemp(join(tmpdir(), "mss-directory-"));
      path = await download(source, tempDirectory, onDownloadBytes);
    } else {
      path = await localPath(source, localRoot);
    }
    const format = await sniff(path);
    if (format === "zip") {
      const entries = (await listZipEntries(path)).filter((entry) => !entry.name.endsWith("/"));
      const name = pickEntry(entries.map((entry) => entry.name));
      const entry = entries.find((candidate) => candidate.name === name);
      if (!entry) throw new AppError("INVALID_INPUT", "L'archive ZIP ne contient pas le fichier attendu. Aucune modification n'a été appliquée.");
      return { stream: await openZipEntry(path, entry), format, entryName: entry.name, cleanup };
    }
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    if (format === "gzip") {
      const gunzip = createGunzip();
      file.on("error", (error) => gunzip.destroy(error));
      return { stream: file.pipe(gunzip), format, entryName: null, cleanup };
    }
    return { stream: file, format, entryName: null, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
