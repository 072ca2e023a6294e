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
    setOutcome({ kind: 'working', step: 'Waiting for the sign-in window…' });
    const signedIn = await askWorker(() => sendMessage('worker:signIn', form));
    if (!signedIn.ok) return setOutcome({ kind: 'failed', error: signedIn.error });
    setOutcome({ kind: 'working', step: 'Reading the account from Microsoft Graph…' });
    const target = { clientId: form.clientId, tenant: form.tenant, authorityHost: '' };
    const profile = await askWorker(() =>
      sendMessage('worker:getProfile', { target, homeAccountId: signedIn.data.homeAccountId, cloud: form.cloud }),
    );
    if (!profile.ok) return setOutcome({ kind: 'failed', error: profile.error });
    setOutcome({ kind: 'done', account: signedIn.data, profile: profile.data });
  }

  const working = outcome.kind === 'working';
  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate aria-label="Check the app registration">
      <Field label="Tenant (verified domain or tenant id)" required validationMessage={problems.tenant}>
        <Input name="tenant" value={form.tenant} onChange={set('tenant')} placeholder="contoso.onmicrosoft.com" />
      </Field>
      <Field label="Application (client) ID" required validationMessage={problems.clientId}>
        <Input name="clientId" value={form.clientId} onChange={set('clientId')} placeholder="00000000-0000-0000-0000-000000000000" />
      </Field>
      <Field label="Microsoft cloud" required validationMessage={problems.cloud}>
        <CloudDropdown value={form.cloud} onChange={(cloud) => setForm({ ...form, cloud })} />
      </Field>
      <Field label="Service account sign-in name (optional)" validationMessage={problems.loginHint}>
        <Input name="loginHint" value={form.loginHint} onChange={set('loginHint')} placeholder="admin@contoso.onmicrosoft.com" />
      </Field>
      <Button className={styles.submit} type="submit" appearance="primary" disabled={working}>
        Sign in and check
      </Button>
      <div role="status" aria-live="polite">
        {outcome.kind === 'working' && <Spinner size="tiny" label={outcome.step} />}
        {outcome.kind === 'done' && (
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>Signed in as {outcome.profile.displayName}</MessageBarTitle>
              <Body1 data-testid="signed-in-upn">{outcome.profile.userPrincipalName}</Body1> — Microsoft Graph answered for tenant{' '}
              {outcome.account.tenantId}.
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <div role="alert">
        {outcome.kind === 'failed' && (
          <MessageBar intent="error" data-error-code={outcome.error.code}>
            <MessageBarBody>
              <MessageBarTitle>The check did not pass</MessageBarTitle>
              {outcome.error.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </form>
  );
}
