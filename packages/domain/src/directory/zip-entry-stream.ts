import { open } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { Readable, Transform } from "node:stream";
import { crc32, createInflateRaw } from "node:zlib";
import { AppError } from "../errors/app-error";

/**
 * Reads one entry of a ZIP file as a stream, from the central directory (so a truncated archive,
 * whose central directory is at the very end, is refused before anything is read), and checks
 * its CRC-32 and size as it is consumed: a damaged entry errors the stream at its end, before the
 * sync commits. ZIP64 and encrypted archives are refused (the national extract is neither).
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

export interface ZipEntryInfo {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  flags: number;
}

function damaged(reason: string): AppError {
  return new AppError("INVALID_INPUT", `Archive ZIP illisible ou tronquée (${reason}). Aucune modification n'a été appliquée.`);
}

export async function listZipEntries(path: string): Promise<ZipEntryInfo[]> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw damaged("fin d'archive introuvable");
    const count = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || directoryOffset === 0xffffffff) throw damaged("ZIP64 non pris en charge");
    if (directoryOffset + directorySize > size) throw damaged("répertoire central hors du fichier");
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    const entries: ZipEntryInfo[] = [];
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw damaged("répertoire central incohérent");
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      entries.push({
        flags: directory.readUInt16LE(at + 8),
        method: directory.readUInt16LE(at + 10),
        crc: directory.readUInt32LE(at + 16),
        compressedSize: directory.readUInt32LE(at + 20),
        size: directory.readUInt32LE(at + 24),
        localHeaderOffset: directory.readUInt32LE(at + 42),
        name: directory.toString("utf8", at + 46, at + 46 + nameLength),
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await file.close();
  }
}

/** A stream of the entry's uncompressed bytes that fails if the CRC or size does not match. */
export async function openZipEntry(path: string, entry: ZipEntryInfo): Promise<Readable> {
  if (entry.flags & 1) throw damaged("entrée chiffrée");
  if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff) throw damaged("ZIP64 non pris en charge");
  if (entry.method !== 0 && entry.method !== 8) throw damaged(`méthode de compression ${entry.method} non prise en charge`);
  const file = await open(path, "r");
  let dataStart: number;
  try {
    const header = Buffer.alloc(30);
    await file.read(header, 0, 30, entry.localHeaderOffset);
    if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw damaged("en-tête local introuvable");
    dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const { size } = await file.stat();
    if (dataStart + entry.compressedSize > size) throw damaged("données compressées incomplètes");
  } finally {
    await file.close();
  }
  const raw: Readable =
    entry.compressedSize === 0
      ? Readable.from([])
      : createReadStream(path, { start: dataStart, end: dataStart + entry.compressedSize - 1, highWaterMark: 1 << 20 });
  let crc = 0;
  let size = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      if (size !== entry.size) callback(damaged(`taille ${size} au lieu de ${entry.size}`));
      else if (crc >>> 0 !== entry.crc >>> 0) callback(damaged("somme de contrôle CRC-32 fausse"));
      else callback();
    },
  });
  const forward = (error: Error) => check.destroy(error instanceof AppError ? error : damaged(error.message));
  if (entry.method === 8 && entry.compressedSize > 0) {
    const inflate = createInflateRaw();
    raw.on("error", forward);
    inflate.on("error", forward);
    return raw.pipe(inflate).pipe(check);
  }
  raw.on("error", forward);
  return raw.pipe(check);
}
