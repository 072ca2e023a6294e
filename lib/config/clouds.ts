import { type MessageKey, t } from '../i18n/t';

/**
 * The Microsoft clouds a tenant can live in, and the only hosts the extension sends credentials to.
 * Sign-in hosts and Graph hosts per national cloud:
 * https://learn.microsoft.com/graph/deployments#microsoft-graph-and-graph-explorer-service-root-endpoints
 */
export type CloudId = 'worldwide' | 'usgov' | 'usgov-dod' | 'china' | 'local';

export interface Cloud {
  id: CloudId;
  label: string;
  /** Origin of Entra ID's sign-in endpoints, e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** Origin of Microsoft Graph, e.g. https://graph.microsoft.com */
  graphHost: string;
}

/** Each cloud's name (public/_locales): records keep the id, the UI words it. */
export const CLOUD_LABELS: Readonly<Record<CloudId, MessageKey>> = {
  worldwide: 'config_cloudWorldwide',
  usgov: 'config_cloudUsGov',
  'usgov-dod': 'config_cloudUsGovDod',
  china: 'config_cloudChina',
  local: 'config_cloudLocal',
};

export const MICROSOFT_CLOUDS: readonly Cloud[] = [
  {
    id: 'worldwide',
    get label() {
      return t(CLOUD_LABELS['worldwide']);
    },
    authorityHost: 'https://login.microsoftonline.com',
    graphHost: 'https://graph.microsoft.com',
  },
  {
    id: 'usgov',
    get label() {
      return t(CLOUD_LABELS['usgov']);
    },
    authorityHost: 'https://login.microsoftonline.us',
    graphHost: 'https://graph.microsoft.us',
  },
  {
    id: 'usgov-dod',
    get label() {
      return t(CLOUD_LABELS['usgov-dod']);
    },
    authorityHost: 'https://login.microsoftonline.us',
    graphHost: 'https://dod-graph.microsoft.us',
  },
  {
    id: 'china',
    get label() {
      return t(CLOUD_LABELS['china']);
    },
    authorityHost: 'https://login.chinacloudapi.cn',
    graphHost: 'https://microsoftgraph.chinacloudapi.cn',
  },
];

/**
 * The clouds this build knows: Microsoft's, plus the local test tenant when the build was made for one
 * (`WXT_LOCAL_TENANT_URL`, set only by the test and demo builds). A production build has no local cloud.
 */
export function availableClouds(localTenantUrl: string | undefined): Cloud[] {
  const clouds = [...MICROSOFT_CLOUDS];
  if (localTenantUrl) {
    const origin = new URL(localTenantUrl).origin;
    clouds.push({ id: 'local', label: t(CLOUD_LABELS.local), authorityHost: origin, graphHost: origin });
  }
  return clouds;
}

/** The cloud with this id in `clouds`, or undefined when this build does not know it. */
export function findCloud(clouds: readonly Cloud[], id: string): Cloud | undefined {
  return clouds.find((cloud) => cloud.id === id);
}
