// Run every end-to-end test on its own: list the tests of the given files (default: all of test/e2e), then run each
// in a vitest process of its own with `-t`, and check that exactly that test ran and passed. Proves that no test
// leans on what another one left behind (issue #14). `npm run test:e2e:alone -- test/e2e/monitor.test.ts ...`;
// `--match=<regex>` keeps only the tests whose full name (suites and test, joined by spaces) it matches.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const match = args.find((arg) => arg.startsWith('--match='))?.slice('--match='.length);
const given = args.filter((arg) => !arg.startsWith('--match='));
const files = given.length
  ? given
  : readdirSync(path.join(root, 'test/e2e'))
      .filter((name) => name.endsWith('.test.ts'))
      .map((name) => `test/e2e/${name}`);
const scratch = mkdtempSync(path.join(tmpdir(), 'e2e-alone-'));
const vitest = (args) => spawnSync('npx', ['vitest', ...args], { cwd: root, encoding: 'utf8', env: process.env });

/**
 * A pattern that matches this test's full name and no other: vitest matches -t against the names of the test and its
 * suites joined by spaces (getTaskFullName in @vitest/runner), so the end is anchored and the rest escaped.
 */
const only = (fullName) => `${fullName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

const listFile = path.join(scratch, 'list.json');
const listed = vitest(['list', '--project', 'e2e', `--json=${listFile}`, ...files]);
if (listed.status !== 0) {
  process.stderr.write(listed.stdout + listed.stderr);
  process.exit(1);
}
const fullName = (test) => test.name.split(' > ').join(' ');
const tests = JSON.parse(readFileSync(listFile, 'utf8')).filter((test) => !match || new RegExp(match).test(fullName(test)));

const results = [];
for (const [index, test] of tests.entries()) {
  const file = path.relative(root, test.file);
  const name = fullName(test);
  const report = path.join(scratch, `run-${index}.json`);
  const started = Date.now();
  const run = vitest(['run', '--project', 'e2e', file, '-t', only(name), '--reporter=json', `--outputFile=${report}`]);
  let passed = 0;
  let ran = 0;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    ran = json.numPassedTests + json.numFailedTests;
    passed = json.numPassedTests;
  } catch {
    // No report: the run failed before its tests (a hook, the build); counted as a failure below.
  }
  const ok = run.status === 0 && ran === 1 && passed === 1;
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ file, name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${seconds}s ${file} › ${name}${ok ? '' : ` (ran ${ran}, passed ${passed})`}`);
  if (!ok) process.stdout.write(run.stdout.split('\n').slice(-60).join('\n') + run.stderr);
}
rmSync(scratch, { recursive: true, force: true });

console.log('\nAlone, per file:');
for (const file of new Set(results.map((r) => r.file))) {
  const own = results.filter((r) => r.file === file);
  console.log(`  ${file}: ${own.filter((r) => r.ok).length}/${own.length} passed alone`);
}
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed}/${results.length} tests passed alone.`);
process.exit(failed === 0 ? 0 : 1);
