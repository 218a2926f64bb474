// Test helper: write a gzip "bomb" (a small file that inflates to many
// mebibytes of zeros) without ever holding the inflated data in memory.

import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, crc32, createDeflateRaw } from 'node:zlib';

const MIB = 1 << 20;

// Deflate one MiB of zeros and end with a full flush: the block that comes
// out is byte-aligned and refers to nothing before it, so repeating it N
// times is a valid deflate stream of N MiB of zeros (about 1 KiB per MiB).
async function zeroMiBBlock(): Promise<Buffer> {
  const d = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  d.on('data', (b: Buffer) => parts.push(b));
  d.write(Buffer.alloc(MIB));
  await new Promise<void>((resolve) => d.flush(constants.Z_FULL_FLUSH, () => resolve()));
  d.destroy();
  return Buffer.concat(parts);
}

/**
 * writeGzipBomb writes a single-member gzip file at path that inflates to
 * `mib` MiB of zero bytes, with a correct CRC-32 and size trailer, and
 * returns the file's size in bytes.
 */
export async function writeGzipBomb(path: string, mib: number): Promise<number> {
  const block = await zeroMiBBlock();
  const zeros = Buffer.alloc(MIB);
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc);
  const fd = openSync(path, 'w');
  let size = 0;
  const put = (b: Uint8Array) => {
    writeSync(fd, b);
    size += b.length;
  };
  try {
    // ID1 ID2 CM=deflate FLG=0 MTIME=0 XFL=0 OS=255 (unknown).
    put(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]));
    const batch = Buffer.concat(new Array<Buffer>(64).fill(block));
    let left = mib;
    for (; left >= 64; left -= 64) put(batch);
    if (left > 0) put(Buffer.concat(new Array<Buffer>(left).fill(block)));
    // A final, empty fixed-Huffman block (03 00), then CRC-32 and ISIZE.
    const trailer = Buffer.alloc(10);
    trailer[0] = 0x03;
    trailer[1] = 0x00;
    trailer.writeUInt32LE(crc >>> 0, 2);
    trailer.writeUInt32LE((mib * MIB) % 2 ** 32, 6);
    put(trailer);
  } finally {
    closeSync(fd);
  }
  return size;
}
