// Run first by `npm test` and `npm run demo`, so a fresh clone needs nothing else: installs the packages when
// node_modules is missing or older than package-lock.json, and Debian's Chromium (the e2e tests and the demo drive
// it) with apt-get when run as root; otherwise it names the one command to run. Node built-ins only: it runs before
// any package is there.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** npm writes node_modules/.package-lock.json at every install: its age is the packages' age. */
function packagesOutdated() {
  const installed = path.join(root, 'node_modules/.package-lock.json');
  if (!existsSync(installed)) return true;
  return statSync(installed).mtimeMs < statSync(path.join(root, 'package-lock.json')).mtimeMs;
}

if (packagesOutdated()) {
  console.log('Installing the packages (node_modules is missing or older than package-lock.json)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

if (!existsSync(chromium)) {
  const install = ['install', '-y', '-qq', 'chromium', 'fonts-liberation'];
  if (process.getuid?.() !== 0) {
    console.error(`Chromium is missing (${chromium}): run \`sudo apt-get update && sudo apt-get ${install.join(' ')}\`, then again.`);
    process.exit(1);
  }
  console.log("Installing Debian's Chromium (the e2e tests and the demo drive it)…");
  run('apt-get', ['update', '-qq']);
  run('apt-get', install);
}
