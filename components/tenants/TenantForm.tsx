import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { type SignInField, validateSignIn } from '@/lib/auth/validate-sign-in';
import { buildSettings, clouds } from '@/lib/config/build-settings';
import type { ManagedTenant } from '@/lib/config/managed-settings';
import type { TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import type { TenantSettings } from '@/lib/tenants/save-tenant';
import { askWorker } from '../ask-worker';
import { CloudDropdown } from '../CloudDropdown';
import { ErrorBar } from '../ErrorBar';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '480px' },
  submit: { alignSelf: 'flex-start' },
});

/**
 * Add a tenant: its domain or id, the app registration's client id, the cloud, and an optional service account.
 * Fields set by enterprise policy are filled in and locked. The tenant id is resolved from Entra on save.
 */
export function TenantForm({ managed, onSaved }: { managed?: Partial<ManagedTenant>; onSaved?: (tenant: TenantRecord) => void }) {
  const styles = useStyles();
  const [form, setForm] = useState<TenantSettings>({
    tenant: managed?.tenant ?? buildSettings.defaultTenant ?? '',
    clientId: managed?.clientId ?? buildSettings.defaultClientId ?? '',
    cloud: managed?.cloud ?? (buildSettings.localTenantUrl ? 'local' : 'worldwide'),
    serviceAccount: managed?.serviceAccount ?? '',
  });
  const [problems, setProblems] = useState<Partial<Record<SignInField, string>>>({});
  const [error, setError] = useState<ErrorData>();
  const [saving, setSaving] = useState(false);
  const policyField: Record<keyof TenantSettings, keyof ManagedTenant> = {
    tenant: 'tenant',
    clientId: 'clientId',
    cloud: 'cloud',
    serviceAccount: 'serviceAccount',
  };
  const locked = (field: keyof TenantSettings) => managed?.[policyField[field]] !== undefined;
  const hint = (field: keyof TenantSettings) => (locked(field) ? t('tenantForm_policyHint') : undefined);
  const set = (field: keyof TenantSettings) => (_: unknown, data: { value: string }) => setForm({ ...form, [field]: data.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateSignIn({ ...form, loginHint: form.serviceAccount }, clouds);
    setProblems(found);
    setError(undefined);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    const saved = await askWorker(() => sendMessage('worker:saveTenant', form));
    setSaving(false);
    if (!saved.ok) return setError(saved.error);
    onSaved?.(saved.data);
  }

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate aria-label={t('tenantForm_label')}>
      <Field label={t('common_fieldTenant')} required validationMessage={problems.tenant} hint={hint('tenant')}>
        <Input
          name="tenant"
          value={form.tenant}
          onChange={set('tenant')}
          disabled={locked('tenant')}
          placeholder={t('common_placeholderTenant')}
        />
      </Field>
      <Field label={t('common_fieldClientId')} required validationMessage={problems.clientId} hint={hint('clientId')}>
        <Input name="clientId" value={form.clientId} onChange={set('clientId')} disabled={locked('clientId')} />
      </Field>
      <Field label={t('common_fieldCloud')} required validationMessage={problems.cloud} hint={hint('cloud')}>
        <CloudDropdown value={form.cloud} onChange={(cloud) => setForm({ ...form, cloud })} disabled={locked('cloud')} />
      </Field>
      <Field label={t('common_fieldServiceAccount')} validationMessage={problems.loginHint} hint={hint('serviceAccount')}>
        <Input
          name="serviceAccount"
          value={form.serviceAccount}
          onChange={set('serviceAccount')}
          disabled={locked('serviceAccount')}
          placeholder={t('common_placeholderAccount')}
        />
      </Field>
      <Button className={styles.submit} type="submit" appearance="primary" disabled={saving}>
        {t(saving ? 'tenantForm_checking' : 'tenantForm_add')}
      </Button>
      {error && <ErrorBar title={t('tenantForm_failed')} error={error} />}
    </form>
  );
}
