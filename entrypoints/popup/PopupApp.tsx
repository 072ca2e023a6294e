import { Body1, Button, makeStyles, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { getDb } from '@/lib/db';

const useStyles = makeStyles({
  root: { width: '360px', padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** The quick status: every tenant's connectors, or the first step when there are none. */
export function PopupApp() {
  const styles = useStyles();
  const tenants = useLiveQuery(() => getDb().tenants.toArray(), []);
  const openConsole = () => void browser.runtime.openOptionsPage();

  if (!tenants) return <Spinner size="tiny" label="Loading…" />;
  if (tenants.length === 0) {
    return (
      <main className={styles.root} aria-labelledby="empty-title">
        <Subtitle2 as="h1" id="empty-title">
          No Microsoft 365 tenant is connected yet
        </Subtitle2>
        <Body1>Grant access to Exchange Online, SharePoint Online and OneDrive so your cloud app security service can protect them.</Body1>
        <Button appearance="primary" onClick={openConsole}>
          Grant access
        </Button>
      </main>
    );
  }
  return (
    <main className={styles.root}>
      <Subtitle2 as="h1">Microsoft 365 connectors</Subtitle2>
      <ul>
        {tenants.map((tenant) => (
          <li key={tenant.tenantId}>{tenant.displayName}</li>
        ))}
      </ul>
      <Button onClick={openConsole}>Open console</Button>
    </main>
  );
}
