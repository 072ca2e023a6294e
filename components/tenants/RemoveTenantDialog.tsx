import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { askWorker } from '../ask-worker';
import { ErrorBar } from '../ErrorBar';

/** Confirm Remove tenant, saying what goes (everything kept of it, its sign-ins) and what does not (the tenant's consent). */
export function RemoveTenantDialog(props: { tenant: TenantRecord }) {
  const { tenant } = props;
  const name = tenant.displayName || tenant.domain;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData>();
  const confirm = async () => {
    setBusy(true);
    const done = await askWorker(() => sendMessage('worker:removeTenant', { tenantId: tenant.tenantId }));
    setBusy(false);
    // On success the card goes with the record; the dialog stays open only to show what went wrong.
    if (done.ok) setOpen(false);
    else setError(done.error);
  };
  return (
    <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button onClick={() => setError(undefined)}>{t('removeTenantDialog_open')}</Button>
      </DialogTrigger>
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
            <Button appearance="primary" disabled={busy} onClick={() => void confirm()}>
              {t('removeTenantDialog_confirm')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
