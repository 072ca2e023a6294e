/** The signed-in administrator's profile, as /me answers. */
export interface GraphProfile {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
}

/** The delegated grant as Graph lists it (only the fields the check reads). */
export interface PermissionGrant {
  clientId: string;
  consentType: string;
  principalId: string | null;
  resourceId: string;
  scope: string;
}

/** Redirect URIs per platform, as the application object carries them. */
export interface RedirectPlatforms {
  spa: string[];
  web: string[];
  publicClient: string[];
}

/**
 * What the Graph reads found. `unreadable`: Graph refused the read (the check's own permission was not granted);
 * `null`: the object is not in this tenant.
 */
export interface RegistrationFacts {
  /** The app's service principal in this tenant. */
  servicePrincipal: { id: string } | null | 'unreadable';
  /** Microsoft Graph's service principal in this tenant: the grants' resource. */
  graphServicePrincipal: { id: string } | null | 'unreadable';
  grants: PermissionGrant[] | 'unreadable';
  /** null: the registration lives in another tenant (a multi-tenant app), so its redirect URIs cannot be read here. */
  application: RedirectPlatforms | null | 'unreadable';
  /** The organisation's display name, for the words of "Grant admin consent for <tenant>"; null when unread. */
  tenantName: string | null;
}

/** A user or group found by the Grant-access picker (selected scope). */
export interface DirectoryMatch {
  kind: 'user' | 'group';
  id: string;
  displayName: string;
  /** Sign-in name of a user, mail of a group. */
  secondary: string;
}
