import { execFileSync } from 'node:child_process';
import { type ExtensionBrowser, launchExtensionBrowser, type LaunchOptions } from './browser';

/**
 * The process id of the browser itself (not its renderers or helpers): the one Chromium process started with this
 * profile and no `--type`. Playwright does not hand it out for a persistent context.
 */
function browserProcessId(userDataDir: string): number {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const ours = table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .filter(([, , args]) => args!.includes(`--user-data-dir=${userDataDir}`) && !args!.includes('--type='));
  if (ours.length !== 1) throw new Error(`Expected one browser process for ${userDataDir}, found ${ours.length}`);
  return Number(ours[0]![1]);
}

/**
 * Kill the browser as a crash, a power cut or the task manager would: SIGKILL to its process, so nothing of it (the
 * worker, the offscreen document, msal) gets to finish or save anything. Resolves once Playwright has seen it go.
 * The profile stays on disk, to start again with `restartBrowser`.
 */
export async function killBrowser(browser: ExtensionBrowser): Promise<void> {
  const pid = browserProcessId(browser.userDataDir);
  const gone = new Promise<void>((resolve) => browser.context.once('close', () => resolve()));
  process.kill(pid, 'SIGKILL');
  await gone;
}

/**
 * Start the browser again on the profile of one that was closed (`close({ keepProfile: true })`) or killed: the same
 * extension install, its IndexedDB, chrome.storage and cookies, as an admin who opens the browser again gets them.
 * Chromium takes over the profile lock a killed browser left (its process is gone).
 */
export function restartBrowser(previous: ExtensionBrowser, options: Omit<LaunchOptions, 'userDataDir'> = {}): Promise<ExtensionBrowser> {
  return launchExtensionBrowser({ ...options, userDataDir: previous.userDataDir });
}
