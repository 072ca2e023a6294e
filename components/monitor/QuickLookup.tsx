import { Body1, Caption1, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { getDb } from '@/lib/db';
import type { TenantRecord } from '@/lib/db/types';
import { type LookupMatch, lookupUsers, readGroupNames } from '@/lib/directory/lookup';
import { t } from '@/lib/i18n/t';
import { StatusMark } from './StatusMark';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  grow: { flexGrow: 1, minWidth: 0 },
  // A long tenant name must not widen the popup (issue #17): the choice takes at most half the row, cut if longer.
  // (Field is a grid, and a grid's column and a select are as wide as their longest option unless told otherwise.)
  tenant: { minWidth: 0, maxWidth: '50%', gridTemplateColumns: 'minmax(0, 1fr)' },
  select: { minWidth: 0, maxWidth: '100%' },
  selectElement: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  match: { display: 'flex', flexDirection: 'column' },
});

/** Find a user in the mirror by the start of a name, sign-in name or mail: in scope, mailbox, groups. Works offline. */
export function QuickLookup({ tenants }: { tenants: readonly TenantRecord[] }) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [tenantId, setTenantId] = useState('');
  const [opened, setOpened] = useState(false);
  const resultsId = useId();
  // The groups' names are read once the admin turns to the lookup (and again when a sync changes groups), not at open.
  const groupNames = useLiveQuery(() => (opened ? readGroupNames(getDb()) : undefined), [opened]);
  const matches = useLiveQuery(
    () => (query.trim() ? lookupUsers(getDb(), query, { tenantId: tenantId || undefined, groupNames }) : Promise.resolve(undefined)),
    [query, tenantId, groupNames],
  );
  return (
    <section className={styles.root} aria-labelledby={`${resultsId}-title`}>
      <Body1 as="h2" id={`${resultsId}-title`}>
        <strong>{t('quickLookup_title')}</strong>
      </Body1>
      <div className={styles.row}>
        <Field label={t('quickLookup_field')} className={styles.grow}>
          <Input
            type="search"
            value={query}
            onFocus={() => setOpened(true)}
            onChange={(_, data) => {
              setOpened(true);
              setQuery(data.value);
            }}
            aria-controls={resultsId}
          />
        </Field>
        {tenants.length > 1 && (
          <Field label={t('quickLookup_tenant')} className={styles.tenant}>
            <Select
              className={styles.select}
              select={{ className: styles.selectElement }}
              value={tenantId}
              onChange={(_, data) => setTenantId(data.value)}
            >
              <option value="">{t('quickLookup_allTenants')}</option>
              {tenants.map((t) => (
                <option key={t.tenantId} value={t.tenantId}>
                  {t.displayName}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      <div id={resultsId} aria-live="polite">
        {matches && matches.length === 0 && <Caption1>{t('quickLookup_none', query.trim())}</Caption1>}
        {matches && matches.length > 0 && (
          <ul className={styles.list} aria-label={t('quickLookup_matches')}>
            {matches.map((m) => (
              <Match key={`${m.tenantId} ${m.id}`} match={m} showTenant={tenants.length > 1} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

// A licence, not a mailbox: a shared mailbox has a mailbox and no licence (see lib/sync/map.ts exchangeLicensedFrom).
const licenceWords = (licensed: boolean | undefined) =>
  licensed === undefined
    ? t('quickLookup_exchangeLicenceUnknown')
    : licensed
      ? t('quickLookup_exchangeLicensed')
      : t('quickLookup_noExchangeLicence');

function Match({ match, showTenant }: { match: LookupMatch; showTenant: boolean }) {
  const styles = useStyles();
  return (
    <li className={styles.match} data-user-id={match.id}>
      <Body1>
        <strong>{match.displayName}</strong>
        {showTenant && <Caption1> · {match.tenantName}</Caption1>}
      </Body1>
      <Caption1>
        {match.userPrincipalName}
        {match.mail && match.mail.toLowerCase() !== match.userPrincipalName.toLowerCase() && ` · ${match.mail}`}
      </Caption1>
      <Caption1>
        <StatusMark severity={match.inScope ? 'ok' : 'warning'}>
          {match.inScope ? t('quickLookup_inScope') : t('quickLookup_notInScope')}
        </StatusMark>
        {' · '}
        <span data-testid="exchange-licence">{licenceWords(match.exchangeLicensed)}</span>
      </Caption1>
      <Caption1 data-testid="groups">
        {match.groups.length ? t('quickLookup_groups', match.groups.join(', ')) : t('quickLookup_noGroups')}
      </Caption1>
    </li>
  );
}
