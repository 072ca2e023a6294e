// The console's addresses: hash routes of the options page (`options.html#/tenants/<id>`), so that the popup's
// buttons, a notification and a bookmark open one page directly. A hash needs no permission and no server, and
// the page reads it without a router library: the addresses are few and fixed.

/** One page of the console. `grant` on a tenant: its grant (the wizard or the grant's progress) in view. */
export type ConsoleRoute =
  | { page: 'overview' }
  | { page: 'tenant'; tenantId: string; section?: 'grant' }
  | { page: 'monitor' }
  | { page: 'activity-log' }
  | { page: 'settings' }
  | { page: 'add-tenant' }
  | { page: 'not-found'; path: string };

/** The pages with one fixed address. */
const FIXED_PAGES = ['overview', 'monitor', 'activity-log', 'settings', 'add-tenant'] as const;

const FIXED: Record<(typeof FIXED_PAGES)[number], string> = {
  overview: '#/',
  monitor: '#/monitor',
  'activity-log': '#/activity-log',
  settings: '#/settings',
  'add-tenant': '#/add-tenant',
};

/** The address of a page, as the part after the options page's path (`#/tenants/<id>`). */
export function formatConsoleRoute(route: ConsoleRoute): string {
  switch (route.page) {
    case 'tenant':
      return `#/tenants/${encodeURIComponent(route.tenantId)}${route.section ? `/${route.section}` : ''}`;
    case 'not-found':
      return `#${route.path}`;
    default:
      return FIXED[route.page];
  }
}

/** The page an address names; an address the console does not have is `not-found`, never the overview. */
export function parseConsoleRoute(hash: string): ConsoleRoute {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { page: 'overview' };
  const fixed = FIXED_PAGES.find((page) => page !== 'overview' && FIXED[page] === `#/${parts.join('/')}`);
  if (fixed) return { page: fixed };
  if (parts[0] === 'tenants' && parts[1] && (parts.length === 2 || (parts.length === 3 && parts[2] === 'grant'))) {
    const tenantId = decodeOrUndefined(parts[1]);
    if (tenantId) return parts[2] === 'grant' ? { page: 'tenant', tenantId, section: 'grant' } : { page: 'tenant', tenantId };
  }
  return { page: 'not-found', path };
}

function decodeOrUndefined(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    // A malformed escape ("%E0%A4%A") names no tenant.
    return undefined;
  }
}
