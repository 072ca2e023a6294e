import { Body1, Button, Caption1, Checkbox, Field, makeStyles, Radio, RadioGroup, Subtitle2, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { BUILT_IN_POLICIES, DEFAULT_POLICY_ID } from '@/lib/connectors/policies';
import { permissionsFor, SERVICES } from '@/lib/connectors/services';
import type { ConnectorRecord, ServiceId, SyncScope, TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { decideScope } from '@/lib/provisioning/scope-rule';
import type { GrantKind } from '@/lib/provisioning/types';
import { askWorker } from '../ask-worker';
import { ErrorBar } from '../ErrorBar';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  permissions: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
});

/**
 * Grant access: which services, which sync scope, which protection policy, and the exact permissions that will be
 * asked for. The grant itself runs in the worker, so it completes even when this page (or the popup) closes.
 */
export function GrantWizard(props: {
  tenant: TenantRecord;
  connectors: ConnectorRecord[];
  kind?: GrantKind;
  /** The permissions heading's level: one below the heading the wizard sits under (the console's h2, the popup's h1). */
  headingLevel?: 2 | 3;
  onStarted(runId: string): void;
}) {
  const { tenant, connectors } = props;
  const kind = props.kind ?? 'grant';
  const styles = useStyles();
  const connected = connectors.map((c) => c.service);
  const [services, setServices] = useState<ServiceId[]>(
    kind === 'scope_switch' ? connected : SERVICES.map((s) => s.id).filter((s) => !connected.includes(s)),
  );
  const [mode, setMode] = useState<SyncScope['mode']>(
    tenant.syncScope.mode === 'all' && kind === 'scope_switch' ? 'selected' : tenant.syncScope.mode,
  );
  const [policyId, setPolicyId] = useState(connectors[0]?.policyId ?? DEFAULT_POLICY_ID);
  const [error, setError] = useState<ErrorData>();
  const [starting, setStarting] = useState(false);
  // The wizard takes the focus when it opens: the button that opened it may be gone (the popup swaps its rows out).
  const root = useRef<HTMLElement>(null);
  useEffect(() => root.current?.focus(), []);
  const scope = kind === 'scope_switch' ? { locked: false as const } : decideScope(tenant, connectors, { mode: 'all' });

  const toggle = (service: ServiceId, on: boolean) => setServices(on ? [...services, service] : services.filter((s) => s !== service));
  const allThree = SERVICES.every((s) => services.includes(s.id));

  async function start() {
    setStarting(true);
    setError(undefined);
    const syncScope: SyncScope =
      mode === 'all' ? { mode: 'all' } : scope.locked ? tenant.syncScope : { mode: 'selected', userIds: [], groupIds: [] };
    const started = await askWorker(() =>
      sendMessage('worker:startGrant', { tenantId: tenant.tenantId, services, syncScope, policyId, kind }),
    );
    setStarting(false);
    if (!started.ok) return setError(started.error);
    props.onStarted(started.data.runId);
  }

  return (
    <section
      ref={root}
      tabIndex={-1}
      className={styles.root}
      aria-label={t(kind === 'scope_switch' ? 'grantWizard_scopeSwitchLabel' : 'grantWizard_grantLabel')}
    >
      <fieldset className={styles.fieldset}>
        <legend>{t('grantWizard_services')}</legend>
        <Checkbox
          label={t('grantWizard_allThree')}
          checked={allThree ? true : services.length > 0 ? 'mixed' : false}
          disabled={kind === 'scope_switch'}
          onChange={(_, data) => setServices(data.checked === true ? SERVICES.map((s) => s.id) : [])}
        />
        {SERVICES.map((service) => (
          <Checkbox
            key={service.id}
            label={connected.includes(service.id) && kind === 'grant' ? t('grantWizard_connected', service.label) : service.label}
            checked={services.includes(service.id)}
            disabled={kind === 'scope_switch'}
            onChange={(_, data) => toggle(service.id, data.checked === true)}
          />
        ))}
      </fieldset>
      <Field label={t('grantWizard_scope')} hint={scope.locked ? scope.reason : undefined}>
        <RadioGroup value={mode} onChange={(_, data) => setMode(data.value as SyncScope['mode'])} disabled={scope.locked}>
          <Radio value="all" label={t('grantWizard_scopeAll')} />
          <Radio value="selected" label={t('grantWizard_scopeSelected')} />
        </RadioGroup>
      </Field>
      <Field label={t('grantWizard_policy')}>
        <RadioGroup value={policyId} onChange={(_, data) => setPolicyId(data.value)}>
          {BUILT_IN_POLICIES.map((policy) => (
            <Radio key={policy.id} value={policy.id} label={`${t(policy.nameKey)}: ${t(policy.descriptionKey)}`} />
          ))}
        </RadioGroup>
      </Field>
      <div>
        <Subtitle2 as={props.headingLevel === 2 ? 'h2' : 'h3'}>{t('grantWizard_permissionsHeading')}</Subtitle2>
        <ul className={styles.permissions} aria-label={t('grantWizard_permissionsLabel')}>
          {permissionsFor(services, tenant.cloud).map((permission) => (
            <li key={permission.scope}>
              <Body1>
                <code>{permission.scope}</code> — {permission.reason}
              </Body1>
            </li>
          ))}
        </ul>
        <Caption1>{t('grantWizard_signInAs', tenant.domain)}</Caption1>
      </div>
      <Button appearance="primary" disabled={services.length === 0 || starting} onClick={() => void start()}>
        {t(kind === 'scope_switch' ? 'grantWizard_submitScope' : 'grantWizard_submitGrant')}
      </Button>
      {error && <ErrorBar title={t('grantWizard_failed')} error={error} />}
    </section>
  );
}
