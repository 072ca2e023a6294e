import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { SEVERITY_MARKS } from '@/lib/monitor/marks';
import type { Severity } from '@/lib/monitor/types';

const useStyles = makeStyles({
  ok: { color: tokens.colorPaletteGreenForeground1 },
  info: { color: tokens.colorBrandForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  mark: { fontWeight: tokens.fontWeightSemibold, display: 'inline-block', minWidth: '1.2em' },
});

/** The severity's mark and colour, followed by the state in words (`children`). */
export function StatusMark({ severity, children }: { severity: Severity; children: ReactNode }) {
  const styles = useStyles();
  return (
    <span className={styles[severity]} data-severity={severity}>
      <span className={styles.mark} aria-hidden="true">
        {SEVERITY_MARKS[severity]}
      </span>
      {children}
    </span>
  );
}
