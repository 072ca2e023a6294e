import type { ServiceId } from '../db/types';

/** What Microsoft's service health means for a connector (status.ts maps each serviceHealthStatus value). */
export type ServiceHealthState = 'operational' | 'degraded' | 'unknown';

export interface ServiceHealthEntry {
  service: ServiceId;
  /** Microsoft's own status value, e.g. `serviceDegradation`; absent when the service was not listed. */
  status?: string;
  state: ServiceHealthState;
}

export interface ServiceHealthSummary {
  services: ServiceHealthEntry[];
  /** True when every service is operational. */
  allOperational: boolean;
}
