// The console overview's baseline (bench build only): a bare React + Fluent UI + Dexie page listing every tenant of
// the product's database in a Fluent UI table (name, domain, connector count), with no navigation, no status and no
// other logic. The console is built on Fluent UI, as the popup's rows are not: its overview's first render is
// measured as a ratio to this page's, in the same run, with the same tenants (test/bench/console.ts).
import {
  FluentProvider,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AppDB } from '../../../lib/db/app-db';
import type { ConnectorRecord, TenantRecord } from '../../../lib/db/types';

const db = new AppDB();

function BareTable() {
  const [tenants, setTenants] = useState<TenantRecord[]>([]);
  const [connectors, setConnectors] = useState<ConnectorRecord[]>([]);
  useEffect(() => {
    void Promise.all([db.tenants.toArray(), db.connectors.toArray()]).then(([tenants, connectors]) => {
      setTenants(tenants);
      setConnectors(connectors);
    });
  }, []);
  return (
    <Table size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Tenant</TableHeaderCell>
          <TableHeaderCell>Domain</TableHeaderCell>
          <TableHeaderCell>Connectors</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {tenants.map((tenant) => (
          <TableRow key={tenant.tenantId} data-row={tenant.tenantId}>
            <TableCell>{tenant.displayName}</TableCell>
            <TableCell>{tenant.domain}</TableCell>
            <TableCell>{connectors.filter((c) => c.tenantId === tenant.tenantId).length}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

createRoot(document.getElementById('root')!).render(
  <FluentProvider theme={webLightTheme}>
    <BareTable />
  </FluentProvider>,
);
