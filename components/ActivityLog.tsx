import {
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { activityEntryWords } from '@/lib/activity/actions';
import { activityToCsv, activityToJson } from '@/lib/activity/export';
import { getDb } from '@/lib/db';
import { formatDateTime } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/t';
import { useTableStyles } from './table-styles';

const useStyles = makeStyles({ actions: { display: 'flex', gap: tokens.spacingHorizontalS } });
const SHOWN = 200;

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

/** Every grant, failure, re-grant, scope switch and disconnect, newest first; exportable as CSV or JSON. */
export function ActivityLog() {
  const styles = useStyles();
  const table = useTableStyles();
  const entries = useLiveQuery(() => getDb().activityLog.orderBy('at').reverse().limit(SHOWN).toArray(), []);
  const exportAll = async (format: 'csv' | 'json') => {
    const all = await getDb().activityLog.orderBy('at').toArray();
    const stamp = new Date().toISOString().slice(0, 10);
    if (format === 'csv') download(`activity-log-${stamp}.csv`, 'text/csv', activityToCsv(all));
    else download(`activity-log-${stamp}.json`, 'application/json', activityToJson(all));
  };
  return (
    <>
      <div className={styles.actions}>
        <Button onClick={() => void exportAll('csv')}>{t('activityLog_exportCsv')}</Button>
        <Button onClick={() => void exportAll('json')}>{t('activityLog_exportJson')}</Button>
      </div>
      <Table className={table.table} size="small" aria-label={t('activityLog_label')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('activityLog_when')}</TableHeaderCell>
            <TableHeaderCell>{t('activityLog_who')}</TableHeaderCell>
            <TableHeaderCell>{t('activityLog_what')}</TableHeaderCell>
            <TableHeaderCell>{t('activityLog_details')}</TableHeaderCell>
            <TableHeaderCell>{t('activityLog_outcome')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {(entries ?? []).map((entry) => {
            const words = activityEntryWords(entry);
            return (
              <TableRow key={entry.id}>
                <TableCell>{formatDateTime(entry.at)}</TableCell>
                <TableCell>{entry.actor}</TableCell>
                <TableCell>{words.action}</TableCell>
                <TableCell>{words.detail}</TableCell>
                <TableCell>{t(entry.outcome === 'success' ? 'activityLog_succeeded' : 'activityLog_failed')}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
