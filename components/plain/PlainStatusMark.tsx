import type { ReactNode } from 'react';
import { SEVERITY_MARKS } from '@/lib/monitor/marks';
import type { Severity } from '@/lib/monitor/types';

/** StatusMark (the severity's mark and colour, then the state in words) for the popup's static stylesheet. */
export function PlainStatusMark({ severity, children }: { severity: Severity; children: ReactNode }) {
  return (
    <span className={`mark-${severity}`} data-severity={severity}>
      <span className="mark" aria-hidden="true">
        {SEVERITY_MARKS[severity]}
      </span>
      {children}
    </span>
  );
}
