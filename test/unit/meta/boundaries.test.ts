// The boundaries of lib/ hold: `npm run check` runs dependency-cruiser with .dependency-cruiser.cjs (cycles, layers,
// what the worker reaches) and ESLint (no DOM in worker code). Each rule is proven here on planted fixture files.
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const config = createRequire(import.meta.url)(path.join(REPO_ROOT, '.dependency-cruiser.cjs')) as IConfiguration;

/** A small project shaped like this one, with one planted violation of each rule and one allowed import. */
const FIXTURE: Record<string, string> = {
  // A cycle through a type-only import (sweep reads commit's type, commit calls sweep).
  'lib/sync/commit.ts': `import { sweep } from './sweep';\nexport type Counters = { written: number };\nexport const commit = () => sweep({ written: 0 });\n`,
  'lib/sync/sweep.ts': `import type { Counters } from './commit';\nexport const sweep = (c: Counters) => c.written;\n`,
  // db below provisioning: the record type must live in db.
  'lib/db/app-db.ts': `import type { GrantRun } from '../provisioning/types';\nexport type Tables = { grantRuns: GrantRun[] };\n`,
  'lib/provisioning/types.ts': `export interface GrantRun { id: string }\n`,
  // The worker reaches the msal host through a module of its own (two hops).
  'lib/worker/auth.ts': `import { signIn } from './sign-in';\nexport const auth = signIn;\n`,
  'lib/worker/sign-in.ts': `import { MsalHost } from '../msal-host/msal-host';\nexport const signIn = () => new MsalHost();\n`,
  'lib/msal-host/msal-host.ts': `export class MsalHost {}\n`,
  // Allowed: config sits below db.
  'lib/db/keys.ts': `import { CLOUD } from '../config/clouds';\nexport const key = CLOUD;\n`,
  'lib/config/clouds.ts': `export const CLOUD = 'global';\n`,
};

let fixtureDir: string;
let result: ICruiseResult;

beforeAll(async () => {
  fixtureDir = mkdtempSync(path.join(tmpdir(), 'boundaries-'));
  for (const [file, text] of Object.entries(FIXTURE)) {
    mkdirSync(path.dirname(path.join(fixtureDir, file)), { recursive: true });
    writeFileSync(path.join(fixtureDir, file), text);
  }
  const { options } = config;
  const cruised = await cruise(['lib'], {
    baseDir: fixtureDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    tsPreCompilationDeps: options?.tsPreCompilationDeps,
  });
  result = cruised.output as ICruiseResult;
}, 30_000);

afterAll(() => rmSync(fixtureDir, { recursive: true, force: true }));

const violations = () => result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('refuse a cycle, also when one of its imports is type-only', () => {
    expect(violations().filter((v) => v.rule === 'no-circular')).toContainEqual({
      rule: 'no-circular',
      from: 'lib/sync/commit.ts',
      to: 'lib/sync/sweep.ts',
    });
  });

  it('refuse an import from a higher layer', () => {
    expect(violations()).toContainEqual({ rule: 'layer-db', from: 'lib/db/app-db.ts', to: 'lib/provisioning/types.ts' });
  });

  it('refuse the msal host anywhere the worker reaches', () => {
    expect(violations()).toContainEqual({ rule: 'worker-no-dom', from: 'lib/worker/auth.ts', to: 'lib/msal-host/msal-host.ts' });
  });

  it('allow an import from a lower layer, and report nothing else', () => {
    expect(violations().filter((v) => v.from.startsWith('lib/db/keys') || v.from.startsWith('lib/config/'))).toEqual([]);
    expect(new Set(violations().map((v) => v.rule))).toEqual(new Set(['no-circular', 'layer-db', 'worker-no-dom', 'layer-worker']));
  });

  it('place every lib/ folder in a layer', () => {
    const folders = readdirSync(path.join(REPO_ROOT, 'lib'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    const layered = new Set(config.forbidden?.map((rule) => rule.name));
    expect(folders.filter((folder) => !layered.has(`layer-${folder.name}`)).map((folder) => folder.name)).toEqual([]);
  });
});

describe('no DOM in worker code (eslint.config.js)', { timeout: 30_000 }, () => {
  // Planted text, linted as if it sat at `filePath`; type information is not needed for this rule.
  const eslint = new ESLint({
    cwd: REPO_ROOT,
    overrideConfig: [
      tseslint.configs.disableTypeChecked,
      // The table-owner rule needs type information; it has its own test.
      { files: ['lib/**/*.ts', 'entrypoints/**/*.{ts,tsx}'], rules: { 'local/table-owners': 'off' } },
    ],
  });
  const rulesHit = async (filePath: string, text: string) => {
    const [report] = await eslint.lintText(text, { filePath: path.join(REPO_ROOT, filePath) });
    return report?.messages.map((message) => message.ruleId) ?? [];
  };

  it.each([
    ['lib/worker/planted.ts', 'window'],
    ['lib/sync/planted.ts', 'localStorage'],
    ['entrypoints/background.ts', 'document'],
  ])('%s may not read %s', async (filePath, global) => {
    expect(await rulesHit(filePath, `export const planted = ${global};\n`)).toContain('no-restricted-globals');
  });

  it('the msal host may (it runs in a document)', async () => {
    expect(await rulesHit('lib/msal-host/planted.ts', 'export const planted = window;\n')).not.toContain('no-restricted-globals');
  });
});
