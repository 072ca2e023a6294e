/** How often the scheduled sync runs, by default (hours). */
export const DEFAULT_SYNC_INTERVAL_HOURS = 24;
/** How often the monitor checks every grant and connector, by default (minutes). */
export const DEFAULT_CHECK_INTERVAL_MINUTES = 15;
/** Warn this long before a grant's refresh horizon (SPA grants end 24 h after the sign-in). */
export const DEFAULT_RENEWAL_WARNING_HOURS = 4;
