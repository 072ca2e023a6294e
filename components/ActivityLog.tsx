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
import { activityToCsv, activityToJson } from '@/lib/activity/export';
import { getDb } from '@/lib/db';

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
        <Button onClick={() => void exportAll('csv')}>Export CSV</Button>
        <Button onClick={() => void exportAll('json')}>Export JSON</Button>
      </div>
      <Table size="small" aria-label="Activity log">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>When</TableHeaderCell>
            <TableHeaderCell>Who</TableHeaderCell>
            <TableHeaderCell>What</TableHeaderCell>
            <TableHeaderCell>Details</TableHeaderCell>
            <TableHeaderCell>Outcome</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {(entries ?? []).map((entry) => (
            <TableRow key={entry.id}>
              <TableCell>{new Date(entry.at).toLocaleString()}</TableCell>
              <TableCell>{entry.actor}</TableCell>
              <TableCell>{entry.action}</TableCell>
              <TableCell>{entry.detail}</TableCell>
              <TableCell>{entry.outcome === 'success' ? 'Succeeded' : 'Failed'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
