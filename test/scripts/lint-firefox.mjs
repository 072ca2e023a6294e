// `npm run lint:firefox`: build the Firefox MV3 package and run Mozilla's addons-linter on it (the check that
// addons.mozilla.org runs at upload). Fails on any linter error, and when the build carries the Chrome-only
// offscreen document or lacks msal in its background page (entrypoints/firefox/background.ts, which hosts msal).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const outDir = '.output/firefox-mv3';
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;

if (run('npx', ['wxt', 'build', '-b', 'firefox']) !== 0) process.exit(1);
const problems = [];
if (existsSync(`${outDir}/offscreen.html`)) problems.push('the Firefox build has an offscreen document');
if (!readFileSync(`${outDir}/background.js`, 'utf8').includes('msal.cache.encryption'))
  problems.push('the Firefox background page does not host msal');
for (const problem of problems) console.error(`lint:firefox: ${problem}`);
const linter = run('npx', ['addons-linter', outDir]);
process.exit(problems.length > 0 || linter !== 0 ? 1 : 0);
