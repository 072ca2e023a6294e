import type { Client } from '@microsoft/microsoft-graph-client';
import { AppError } from '../errors/app-error';
import { toGraphError } from './client';
import { type MessageKey, t } from '../i18n/t';
import { serviceById } from '../connectors/services';

/** Global Administrator's role template id (the same in every tenant). */
export const GLOBAL_ADMIN_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';

/** True when the signed-in account holds the Global Administrator role now (GET /me/memberOf/…directoryRole). */
export async function isGlobalAdministrator(client: Client): Promise<boolean> {
  try {
    const page = (await client.api('/me/memberOf/microsoft.graph.directoryRole').select(['id', 'displayName', 'roleTemplateId']).get()) as {
      value?: Array<{ roleTemplateId?: string }>;
    };
    return (page.value ?? []).some((role) => role.roleTemplateId === GLOBAL_ADMIN_TEMPLATE_ID);
  } catch (error) {
    throw toGraphError(error, t('graph_whatRoles'));
  }
}

/** The organisation's display name and its default verified domain (GET /organization). */
export async function getOrganization(client: Client): Promise<{ displayName: string; defaultDomain?: string }> {
  try {
    const page = (await client.api('/organization').select(['id', 'displayName', 'verifiedDomains']).get()) as {
      value?: Array<{ displayName?: string; verifiedDomains?: Array<{ name?: string; isDefault?: boolean }> }>;
    };
    const org = page.value?.[0];
    return { displayName: org?.displayName ?? '', defaultDomain: org?.verifiedDomains?.find((d) => d.isDefault)?.name };
  } catch (error) {
    throw toGraphError(error, t('graph_whatOrganization'));
  }
}

type Probe = { path: (userId: string) => string; missing: MessageKey };

const PROBES: Record<'exchange' | 'sharepoint' | 'onedrive', Probe> = {
  exchange: { path: (userId) => `/users/${userId}/mailFolders/inbox`, missing: 'graph_exchangeNoMailbox' },
  sharepoint: { path: () => '/sites/root', missing: 'graph_sharePointNoRootSite' },
  onedrive: { path: (userId) => `/users/${userId}/drive`, missing: 'graph_oneDriveNoDrive' },
};

/** The path of a service's probe for the account `userId` (the grant's check and the monitor's use the same). */
export function probePath(service: keyof typeof PROBES, userId: string): string {
  return PROBES[service].path(userId);
}

/**
 * Ask the service for one small thing it holds: the account's inbox, the root site, the account's drive. A 404
 * means the service is not there for this account; a 403 that the grant lacks a permission or licence.
 */
export async function probeService(
  client: Client,
  service: keyof typeof PROBES,
  account: { objectId: string; username: string },
): Promise<void> {
  const probe = PROBES[service];
  const label = serviceById(service).label;
  try {
    await client.api(probe.path(account.objectId)).select(['id']).get();
  } catch (error) {
    const graphError = toGraphError(error, label);
    if (graphError.code === 'graph_not_found') {
      const detail =
        service === 'sharepoint'
          ? t('graph_probeTenantMissing', label, t(probe.missing))
          : t('graph_probeAccountMissing', label, account.username, t(probe.missing));
      throw new AppError('service_unreachable', { detail, cause: error });
    }
    if (graphError.code === 'graph_forbidden') {
      throw new AppError('service_unreachable', {
        detail: t('graph_probeForbidden', label),
        cause: error,
      });
    }
    throw graphError;
  }
}
