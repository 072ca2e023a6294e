import {
  Body1,
  Button,
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
import { type SignInField, validateSignIn } from '@/lib/auth/validate-sign-in';
import { buildSettings, clouds } from '@/lib/config/build-settings';
import type { ErrorData } from '@/lib/errors/app-error';
import type { GraphProfile } from '@/lib/graph/types';
import { t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { askWorker } from './ask-worker';
import { CloudDropdown } from './CloudDropdown';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'working'; step: string }
  | { kind: 'done'; account: SignedInAccount; profile: GraphProfile }
  | { kind: 'failed'; error: ErrorData };

/**
 * Sign in to a tenant with the app registration and read the account's profile from Microsoft Graph: proves that
 * the registration, the redirect URI and the permissions are right before anything is connected.
 */
const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'stretch' },
  submit: { alignSelf: 'flex-start' },
});

export function SignInCheck() {
  const styles = useStyles();
  const [form, setForm] = useState<SignInRequest>({
    tenant: buildSettings.defaultTenant ?? '',
    clientId: buildSettings.defaultClientId ?? '',
    cloud: buildSettings.localTenantUrl ? 'local' : 'worldwide',
    loginHint: '',
    scopes: ['User.Read'],
  });
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
    setOutcome({ kind: 'done', account: signedIn.data, profile: profile.data });
  }

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
      <div role="alert">
        {outcome.kind === 'failed' && (
          <MessageBar intent="error" data-error-code={outcome.error.code}>
            <MessageBarBody>
              <MessageBarTitle>{t('signInCheck_failed')}</MessageBarTitle>
              {outcome.error.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </form>
  );
}
