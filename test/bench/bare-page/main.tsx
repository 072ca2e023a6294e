// The popup's baseline (bench build only): a bare React + Dexie page listing `?rows=` rows (20 by default) from the
// product's database, with no UI kit and no logic. The popup's first render is measured as a ratio to this page's, in
// the same run, the page listing about as many rows as the popup shows lines (test/bench/monitor.ts).
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AppDB } from '../../../lib/db/app-db';
import type { ConnectorRecord } from '../../../lib/db/types';

const db = new AppDB();
const ROWS = Number(new URLSearchParams(location.search).get('rows') ?? 20);

function BareList() {
  const [rows, setRows] = useState<ConnectorRecord[]>([]);
  useEffect(() => {
    void db.connectors.limit(ROWS).toArray().then(setRows);
  }, []);
  return (
    <ul>
      {rows.map((row) => (
        <li key={row.id} data-row={row.id}>
          {row.service}: {row.tenantId}
        </li>
      ))}
    </ul>
  );
}

createRoot(document.getElementById('root')!).render(<BareList />);
