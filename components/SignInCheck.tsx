import {
  Body1,
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import type { SignedInAccount, SignInRequest } from '@/lib/auth/types';
import { SERVICES } from '@/lib/connectors/services';
import type { ServiceId } from '@/lib/db/types';
import { type SignInField, validateSignIn } from '@/lib/auth/validate-sign-in';
import { buildSettings, clouds } from '@/lib/config/build-settings';
import type { ErrorData } from '@/lib/errors/app-error';
import type { GraphProfile } from '@/lib/graph/types';
import { t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { PREFLIGHT_SCOPES, type PreflightReport as Report } from '@/lib/registration/preflight';
import { askWorker } from './ask-worker';
import { CloudDropdown } from './CloudDropdown';
import { fixFor, PreflightReport } from './PreflightReport';
import { sayError } from '@/lib/errors/phrase';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'working'; step: string }
  | { kind: 'done'; account: SignedInAccount; profile: GraphProfile; report?: Report; reportError?: ErrorData }
  | { kind: 'failed'; error: ErrorData };

/**
 * The pre-flight check of an app registration, before any grant: sign in to the tenant with it (User.Read and
 * Directory.Read.All, for this check only), read the account's profile, then read the registration as this tenant
 * has it and compare with what the chosen services need: each permission granted with admin consent, to this
 * account only, or missing; and whether the redirect URI is registered as a single-page application. Each problem
 * comes with the step in the Entra admin center that fixes it.
 */
const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'stretch' },
  submit: { alignSelf: 'flex-start' },
  services: { border: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS },
});

/** A failed sign-in that the registration's redirect URI explains gets the admin center step too. */
function redirectFix(error: ErrorData, clientId: string): string | undefined {
  const uri = typeof error.params?.[0] === 'string' ? error.params[0] : undefined;
  if (!uri) return undefined;
  if (error.code === 'redirect_uri_wrong_platform')
    return fixFor({ kind: 'redirect_wrong_platform', redirectUri: uri, platform: 'web' }, clientId, null);
  if (error.code === 'redirect_uri_not_registered') return fixFor({ kind: 'redirect_missing', redirectUri: uri }, clientId, null);
  return undefined;
}

export function SignInCheck() {
  const styles = useStyles();
  const [form, setForm] = useState<SignInRequest>({
    tenant: buildSettings.defaultTenant ?? '',
    clientId: buildSettings.defaultClientId ?? '',
    cloud: buildSettings.localTenantUrl ? 'local' : 'worldwide',
    loginHint: '',
    scopes: PREFLIGHT_SCOPES,
  });
  const [services, setServices] = useState<ServiceId[]>(SERVICES.map((service) => service.id));
  const [problems, setProblems] = useState<Partial<Record<SignInField, string>>>({});
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const set = (field: keyof SignInRequest) => (_: unknown, data: { value: string }) => setForm({ ...form, [field]: data.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateSignIn(form, clouds);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setOutcome({ kind: 'working', step: t('signInCheck_waitingWindow') });
    const signedIn = await askWorker(() => sendMessage('worker:signIn', form));
    if (!signedIn.ok) return setOutcome({ kind: 'failed', error: signedIn.error });
    setOutcome({ kind: 'working', step: t('signInCheck_readingAccount') });
    const target = { clientId: form.clientId, tenant: form.tenant, authorityHost: '' };
    const profile = await askWorker(() =>
      sendMessage('worker:getProfile', { target, homeAccountId: signedIn.data.homeAccountId, cloud: form.cloud }),
    );
    if (!profile.ok) return setOutcome({ kind: 'failed', error: profile.error });
    setOutcome({ kind: 'working', step: t('preflight_reading') });
    const report = await askWorker(() =>
      sendMessage('worker:checkRegistration', {
        tenant: form.tenant,
        clientId: form.clientId,
        cloud: form.cloud,
        homeAccountId: signedIn.data.homeAccountId,
        userId: signedIn.data.objectId,
        services,
      }),
    );
    setOutcome({
      kind: 'done',
      account: signedIn.data,
      profile: profile.data,
      ...(report.ok ? { report: report.data } : { reportError: report.error }),
    });
  }

  const toggle = (id: ServiceId, on: boolean) =>
    setServices(SERVICES.map((service) => service.id).filter((candidate) => (candidate === id ? on : services.includes(candidate))));

  const working = outcome.kind === 'working';
  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate aria-label={t('signInCheck_label')}>
      <Field label={t('common_fieldTenant')} required validationMessage={problems.tenant}>
        <Input name="tenant" value={form.tenant} onChange={set('tenant')} placeholder={t('common_placeholderTenant')} />
      </Field>
      <Field label={t('common_fieldClientId')} required validationMessage={problems.clientId}>
        <Input name="clientId" value={form.clientId} onChange={set('clientId')} placeholder="00000000-0000-0000-0000-000000000000" />
      </Field>
      <Field label={t('common_fieldCloud')} required validationMessage={problems.cloud}>
        <CloudDropdown value={form.cloud} onChange={(cloud) => setForm({ ...form, cloud })} />
      </Field>
      <Field label={t('common_fieldServiceAccount')} validationMessage={problems.loginHint}>
        <Input name="loginHint" value={form.loginHint} onChange={set('loginHint')} placeholder={t('common_placeholderAccount')} />
      </Field>
      <fieldset className={styles.services}>
        <legend className={styles.legend}>{t('preflight_servicesLegend')}</legend>
        {SERVICES.map((service) => (
          <Checkbox
            key={service.id}
            label={service.label}
            checked={services.includes(service.id)}
            onChange={(_, data) => toggle(service.id, data.checked === true)}
          />
        ))}
      </fieldset>
      <Body1>{t('preflight_checkScopes', PREFLIGHT_SCOPES.join(', '))}</Body1>
      <Button className={styles.submit} type="submit" appearance="primary" disabled={working}>
        {t('signInCheck_submit')}
      </Button>
      <div role="status" aria-live="polite">
        {outcome.kind === 'working' && <Spinner size="tiny" label={outcome.step} />}
        {outcome.kind === 'done' && (
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>{t('signInCheck_signedInAs', outcome.profile.displayName)}</MessageBarTitle>
              <Body1 data-testid="signed-in-upn">{outcome.profile.userPrincipalName}</Body1> —{' '}
              {t('signInCheck_graphAnswered', outcome.account.tenantId)}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      {outcome.kind === 'done' && outcome.report && <PreflightReport report={outcome.report} clientId={form.clientId} />}
      {outcome.kind === 'done' && outcome.reportError && (
        <MessageBar intent="warning" data-error-code={outcome.reportError.code}>
          <MessageBarBody>
            <MessageBarTitle>{t('preflight_notRead')}</MessageBarTitle>
            {sayError(outcome.reportError)}
          </MessageBarBody>
        </MessageBar>
      )}
      <div role="alert">
        {outcome.kind === 'failed' && (
          <MessageBar intent="error" data-error-code={outcome.error.code}>
            <MessageBarBody>
              <MessageBarTitle>{t('signInCheck_failed')}</MessageBarTitle>
              {sayError(outcome.error)}
              {redirectFix(outcome.error, form.clientId) && (
                <Body1 as="p" data-testid="preflight-sign-in-fix">
                  {redirectFix(outcome.error, form.clientId)}
                </Body1>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </form>
  );
}
