import { getDb } from '../db';
import { AppError } from '../errors/app-error';
import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import { checkNow } from './monitor-service';

/** Answer the monitor's messages: check now, mute a tenant's notifications, acknowledge an alert. */
export function registerMonitorHandlers(): void {
  onMessage('worker:checkNow', () => toResult(async () => (await checkNow(), null)));
  onMessage('worker:setNotificationsMuted', ({ data }) =>
    toResult(async () => {
      const updated = await getDb().tenants.update(data.tenantId, { notificationsMuted: data.muted });
      if (!updated) throw new AppError('invalid_input', { detail: { key: 'worker_tenantGone' } });
      return null;
    }),
  );
  onMessage('worker:acknowledgeAlert', ({ data }) =>
    toResult(async () => {
      const updated = await getDb().alerts.update(data.alertId, { acknowledgedAt: Date.now() });
      if (!updated) throw new AppError('invalid_input', { detail: { key: 'worker_alertGone' } });
      return null;
    }),
  );
}
