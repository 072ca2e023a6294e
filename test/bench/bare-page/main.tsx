// The popup's baseline (bench build only): a bare React + Dexie page listing 20 rows from the product's database, with
// no UI kit and no logic. The popup's first render is measured as a ratio to this page's, in the same run.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AppDB } from '../../../lib/db/app-db';
import type { ConnectorRecord } from '../../../lib/db/types';

const db = new AppDB();

function BareList() {
  const [rows, setRows] = useState<ConnectorRecord[]>([]);
  useEffect(() => {
    void db.connectors.limit(20).toArray().then(setRows);
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
