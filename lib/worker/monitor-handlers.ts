import { getDb } from '../db';
import { AppError } from '../errors/app-error';
import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import { acknowledgeAlert } from '../store/alerts';
import { setNotificationsMuted } from '../store/tenants';
import { checkNow } from './monitor-service';

/** Answer the monitor's messages: check now, mute a tenant's notifications, acknowledge an alert. */
export function registerMonitorHandlers(): void {
  onMessage('worker:checkNow', () => toResult(async () => (await checkNow(), null)));
  onMessage('worker:setNotificationsMuted', ({ data }) =>
    toResult(async () => {
      const updated = await setNotificationsMuted(getDb(), data.tenantId, data.muted);
      if (!updated) throw new AppError('invalid_input', { detail: { key: 'worker_tenantGone' } });
      return null;
    }),
  );
  onMessage('worker:acknowledgeAlert', ({ data }) =>
    toResult(async () => {
      const updated = await acknowledgeAlert(getDb(), data.alertId, Date.now());
      if (!updated) throw new AppError('invalid_input', { detail: { key: 'worker_alertGone' } });
      return null;
    }),
  );
}
