// `npm run tenant -- [--port 8443] [--users 2000] [--seed 1] [--orgs 1|2]`: runs the tenant until Ctrl-C.

import { describeTenant, startTenant, DEFAULT_REDIRECT_URI } from './index.ts';
import type { Tenant, TenantOrgOptions } from './types.ts';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const raw = at >= 0 ? process.argv[at + 1] : undefined;
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a whole number, got '${raw}'.`);
  return n;
}

async function main(): Promise<void> {
  const port = flag('port', 8443);
  const users = flag('users', 2000);
  const seed = flag('seed', 1);
  const orgCount = Math.min(2, Math.max(1, flag('orgs', 1)));
  const orgs: TenantOrgOptions[] = Array.from({ length: orgCount }, () => ({ users, seed }));
  let tenant: Tenant;
  try {
    tenant = await startTenant({ port, orgs });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    console.warn(`Port ${port} is busy; using a free port instead (the URLs below differ from the usual ones).`);
    tenant = await startTenant({ port: 0, orgs });
  }
  console.log(describeTenant(tenant));
  console.log(`\nRedirect URI:     ${DEFAULT_REDIRECT_URI}`);
  console.log('Browsers must trust the self-signed certificate (e.g. --ignore-certificate-errors). Ctrl-C to stop.');
  const stop = () => {
    void tenant.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
