import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, SCREENSHOTS } from '../../demo/screenshot-list';

// The README shows what `npm run screenshots` takes: the same files, with the alt text the list gives them.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const shots = Object.values(SCREENSHOTS);
const referenced = [...readme.matchAll(/!\[([^\]]*)\]\(([^)\s]+\.png)\)/g)].map(([, alt, target]) => ({ alt: alt!, target: target! }));
const MAX_BYTES = 150 * 1024;

describe('README screenshots', () => {
  it('every PNG the README shows exists in the repository', () => {
    expect(referenced.length).toBeGreaterThan(0);
    for (const { target } of referenced) expect(existsSync(path.join(ROOT, target)), target).toBe(true);
  });

  it('the README shows every screenshot the script takes, once, with its alt text', () => {
    for (const shot of shots) {
      const uses = referenced.filter((r) => r.target === `${SCREENSHOT_DIR}/${shot.file}`);
      expect(
        uses.map((u) => u.alt),
        shot.file,
      ).toEqual([shot.alt]);
    }
  });

  it('every PNG in the screenshot folder is one the script takes (none left over), and small', () => {
    const files = readdirSync(path.join(ROOT, SCREENSHOT_DIR)).filter((f) => f.endsWith('.png'));
    expect(files.sort()).toEqual(shots.map((s) => s.file).sort());
    for (const file of files) expect(statSync(path.join(ROOT, SCREENSHOT_DIR, file)).size, file).toBeLessThanOrEqual(MAX_BYTES);
  });
});
