import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, rmdir, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real small disk for a browser profile: a tmpfs of `bytes` mounted on a new folder (the tests run as root in their
 * container; `mount` needs CAP_SYS_ADMIN). Chromium keeps the profile there, reckons its quota from that disk's free
 * space, and meets the same ENOSPC a full disk gives it. `fill` leaves it with no free block; `free` gives the space
 * back; `unmount` removes it.
 */
export interface SmallDisk {
  dir: string;
  /** Fill every free block with a file of its own (resolves with the bytes written). */
  fill(): Promise<number>;
  /** Delete that file: the space is free again. */
  free(): Promise<void>;
  /** Bytes the disk has free now. */
  freeBytes(): Promise<number>;
  unmount(): Promise<void>;
}

const CHUNK = 1024 * 1024;

export async function mountSmallDisk(bytes: number): Promise<SmallDisk> {
  const dir = await mkdtemp(path.join(tmpdir(), 'm365-e2e-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]);
  const filler = path.join(dir, 'filler');
  const freeBytes = async () => {
    const stats = await statfs(dir);
    return stats.bavail * stats.bsize;
  };
  return {
    dir,
    freeBytes,
    async fill() {
      const file = await open(filler, 'a');
      let written = 0;
      try {
        // Large chunks, then single pages: up to the last block (ENOSPC ends it).
        for (const size of [CHUNK, 4096, 512]) {
          const block = Buffer.alloc(size, 1);
          for (;;) {
            try {
              const { bytesWritten } = await file.write(block);
              written += bytesWritten;
              if (bytesWritten < size) break;
            } catch {
              break;
            }
          }
        }
      } finally {
        await file.close().catch(() => undefined);
      }
      return written;
    },
    async free() {
      await rm(filler, { force: true });
    },
    async unmount() {
      execFileSync('umount', ['-l', dir]);
      await rmdir(dir).catch(() => undefined);
    },
  };
}
