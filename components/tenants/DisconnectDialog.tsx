import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
} from '@fluentui/react-components';
import { useState } from 'react';
import { serviceById } from '@/lib/connectors/services';
import type { ServiceId, TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { askWorker } from '../ask-worker';
import { ErrorBar } from '../ErrorBar';

/** Confirm a disconnect, saying exactly what goes: the services, and with the last one the sign-in and its tokens. */
export function DisconnectDialog(props: { tenant: TenantRecord; services: ServiceId[]; lastServices: boolean; label: string }) {
  const { tenant, services, lastServices } = props;
  const [keepData, setKeepData] = useState(true);
  const [error, setError] = useState<ErrorData>();
  const names = services.map((s) => serviceById(s).label).join(', ');
  const confirm = async () => {
    const done = await askWorker(() => sendMessage('worker:disconnect', { tenantId: tenant.tenantId, services, keepData }));
    if (!done.ok) setError(done.error);
  };
  return (
    <Dialog>
      <DialogTrigger disableButtonEnhancement>
        <Button>{props.label}</Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('disconnectDialog_title', names)}</DialogTitle>
          <DialogContent>
            <p>{t(lastServices ? 'disconnectDialog_bodyLast' : 'disconnectDialog_body', names, tenant.domain)}</p>
            {lastServices && (
              <Checkbox
                checked={keepData}
                onChange={(_, data) => setKeepData(data.checked === true)}
                label={t('disconnectDialog_keepData')}
              />
            )}
            {error && <ErrorBar title={t('disconnectDialog_failed')} error={error} />}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">{t('disconnectDialog_keepConnected')}</Button>
            </DialogTrigger>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary" onClick={() => void confirm()}>
                {t('common_disconnect')}
              </Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
