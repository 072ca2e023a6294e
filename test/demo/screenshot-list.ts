/**
 * The README's screenshots: what `npm run screenshots` writes to docs/screenshots/ and the alt text the README gives
 * each. Kept apart from the script (no browser, no tenant) so that a unit test can hold the README to this list.
 */
export const SCREENSHOT_DIR = 'docs/screenshots';

export interface Screenshot {
  file: string;
  alt: string;
}

export const SCREENSHOTS = {
  popupConnected: {
    file: 'popup-connected.png',
    alt: 'The toolbar popup with Contoso connected: Exchange Online, SharePoint Online and OneDrive green and Operational, when access renews and the last sync',
  },
  popupSyncing: {
    file: 'popup-syncing.png',
    alt: 'The popup while a directory sync runs: the connectors show Syncing and the count of objects read so far',
  },
  popupLookup: {
    file: 'popup-lookup.png',
    alt: 'The popup’s user lookup: a user found by name, in the sync scope, with an Exchange Online licence and their groups',
  },
  popupRenewalDue: {
    file: 'popup-renewal-due.png',
    alt: 'The popup in amber: renewal due, the grant’s fixed limit is near and no Microsoft session renewed it',
  },
  popupManyTenants: {
    file: 'popup-many-tenants.png',
    alt: 'The popup with 31 tenants: the four that need action first, red then amber, then each tenant that is well on one line',
  },
  popupExpired: {
    file: 'popup-expired.png',
    alt: 'The popup in red: access expired because the grant was revoked, with the Re-grant button as the fix',
  },
  consoleGrant: {
    file: 'console-grant.png',
    alt: 'The console’s grant, finished: every step ticked and “Successfully created a service account and synced data.”',
  },
  consoleOverview: {
    file: 'console-overview.png',
    alt: 'The console’s All tenants page: the navigation to each tenant, the health monitor, the activity log and settings, and Contoso with each service’s status',
  },
  consoleMonitor: {
    file: 'console-monitor.png',
    alt: 'The console’s health monitor page: open alerts with Acknowledge, the support report and a link to each tenant’s 7-day timeline',
  },
  consoleActivity: {
    file: 'console-activity.png',
    alt: 'The console’s activity of the last 7 days: events per day and per service as a stacked bar chart, with a service filter',
  },
} as const satisfies Record<string, Screenshot>;
