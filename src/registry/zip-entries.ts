// Reads a ZIP archive's central directory (ZIP64 included) without inflating anything:
// entry names, declared uncompressed sizes (so a zip bomb is refused before it is
// expanded) and Unix modes (so `bootstrap` stays executable and symlinks stay links).
// Inflation itself is fflate's.

export interface ZipEntry {
  name: string;
  uncompressedSize: number;
  /** Unix mode (type and permission bits) when the archive was made on Unix. */
  mode?: number;
  isDirectory: boolean;
  isSymlink: boolean;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const MAX32 = 0xffffffff;

/** The entries of a ZIP archive; undefined when the bytes are not a readable archive. */
export function readZipEntries(zip: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const u64 = (o: number) => Number(view.getBigUint64(o, true));
  try {
    let eocd = -1;
    for (let o = zip.length - 22; o >= Math.max(0, zip.length - 22 - 0xffff); o--) {
      if (u32(o) === EOCD) { eocd = o; break; }
    }
    if (eocd < 0) return undefined;
    let count = u16(eocd + 10);
    let offset = u32(eocd + 16);
    if ((count === 0xffff || offset === MAX32) && eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR) {
      const z = u64(eocd - 12);
      if (u32(z) !== ZIP64_EOCD) return undefined;
      count = u64(z + 32);
      offset = u64(z + 48);
    }
    const entries: ZipEntry[] = [];
    let o = offset;
    for (let i = 0; i < count; i++) {
      if (u32(o) !== CENTRAL) return undefined;
      const madeOnUnix = zip[o + 5] === 3;
      const utf8 = (u16(o + 8) & 0x800) !== 0;
      let size = u32(o + 24);
      const nameLen = u16(o + 28);
      const extraLen = u16(o + 30);
      const commentLen = u16(o + 32);
      const attrs = u32(o + 38);
      const nameBytes = zip.subarray(o + 46, o + 46 + nameLen);
      if (nameBytes.length !== nameLen) return undefined;
      const name = Buffer.from(nameBytes).toString(utf8 ? 'utf8' : 'latin1');
      if (size === MAX32) size = zip64Size(view, o + 46 + nameLen, extraLen) ?? size;
      const mode = madeOnUnix ? attrs >>> 16 : undefined;
      const type = mode === undefined ? 0 : mode & 0o170000;
      entries.push({
        name,
        uncompressedSize: size,
        mode: mode || undefined,
        isDirectory: name.endsWith('/') || type === 0o040000,
        isSymlink: type === 0o120000,
      });
      o += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } catch {
    return undefined; // read past the end: a truncated or corrupt archive
  }
}

/** The uncompressed size from an entry's ZIP64 extra field (id 0x0001), its first member. */
function zip64Size(view: DataView, start: number, length: number): number | undefined {
  for (let o = start; o + 4 <= start + length;) {
    const id = view.getUint16(o, true);
    const size = view.getUint16(o + 2, true);
    if (id === 0x0001 && size >= 8) return Number(view.getBigUint64(o + 4, true));
    o += 4 + size;
  }
  return undefined;
}
