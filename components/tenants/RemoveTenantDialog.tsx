import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { createContext, type ReactNode, useContext, useState } from 'react';
import type { TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { askWorker } from '../ask-worker';
import { ErrorBar } from '../ErrorBar';

const AskToRemove = createContext<((tenant: TenantRecord) => void) | undefined>(undefined);

/** The Remove tenant button of a tenant's page: opens the dialog that RemoveTenantHost keeps. */
export function RemoveTenantButton(props: { tenant: TenantRecord }) {
  const ask = useContext(AskToRemove);
  // Keep tenant (or Escape) gives the focus back to this button, as a DialogTrigger would.
  const restoreFocusTarget = useRestoreFocusTarget();
  if (!ask) throw new Error('RemoveTenantButton needs a RemoveTenantHost around it');
  return (
    <Button {...restoreFocusTarget} onClick={() => ask(props.tenant)}>
      {t('removeTenantDialog_open')}
    </Button>
  );
}

/**
 * Confirm Remove tenant, saying what goes (everything kept of it, its sign-ins) and what does not (the tenant's
 * consent). The dialog belongs to the console's shell, not to the tenant's page: a removed tenant's page unmounts, and
 * Fluent's modal Dialog unmounted while open leaves the rest of the console aria-hidden. Tabster (Fluent's focus
 * management) hides everything outside an open modal and shows it again 250 ms after the modal goes
 * (ModalizerAPI.hiddenUpdate in tabster/dist/esm/Modalizer.js); when the last Fluent component that uses Tabster
 * unmounts, Tabster disposes of itself, cancelling that timer and forgetting what it hid (TabsterCore.disposeTabster
 * in tabster/dist/esm/Tabster.js). The tenant's page held the console's only such components, so its Dialog took
 * Tabster with it. Kept here, the Dialog (mounted while closed) holds Tabster for the console's life, closes on the
 * worker's answer, and `onRemoved` moves the focus to the page that follows.
 */
export function RemoveTenantHost(props: { children: ReactNode; onRemoved(): void }) {
  const [tenant, setTenant] = useState<TenantRecord>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData>();
  const ask = (which: TenantRecord) => {
    setTenant(which);
    setError(undefined);
    setOpen(true);
  };
  const confirm = async () => {
    if (!tenant) return;
    setBusy(true);
    const done = await askWorker(() => sendMessage('worker:removeTenant', { tenantId: tenant.tenantId }));
    setBusy(false);
    // The dialog stays open only to show what went wrong.
    if (!done.ok) return setError(done.error);
    setOpen(false);
    props.onRemoved();
  };
  const name = tenant ? tenant.displayName || tenant.domain : '';
  return (
    <AskToRemove.Provider value={ask}>
      {props.children}
      <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('removeTenantDialog_title', name)}</DialogTitle>
            <DialogContent>
              <p>{t('removeTenantDialog_body', name)}</p>
              {error && <ErrorBar title={t('removeTenantDialog_failed')} error={error} />}
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">{t('removeTenantDialog_keep')}</Button>
              </DialogTrigger>
              {/* Focusable while it waits: a disabled button would drop the focus out of the dialog. */}
              <Button appearance="primary" disabledFocusable={busy} onClick={() => void confirm()}>
                {t('removeTenantDialog_confirm')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </AskToRemove.Provider>
  );
}
