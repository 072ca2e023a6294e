import { Body1, Button, Checkbox, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ErrorData } from '@/lib/errors/app-error';
import { type DirectoryMatch, sendMessage } from '@/lib/messaging/protocol';
import { askWorker } from '../ask-worker';
import { ErrorBar } from '../ErrorBar';

const MAX_USERS = 100;
const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

/** Search-as-you-type for the users and groups of a selected-scope grant (at most 100 users). */
export function TargetPicker({ runId }: { runId: string }) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<DirectoryMatch[]>([]);
  const [chosen, setChosen] = useState<DirectoryMatch[]>([]);
  const [error, setError] = useState<ErrorData>();

  useEffect(() => {
    if (query.trim().length < 2) return;
    let current = true;
    const timer = setTimeout(() => {
      void askWorker(() => sendMessage('worker:searchDirectory', { runId, query })).then((found) => {
        if (!current) return;
        if (found.ok) setMatches(found.data);
        else setError(found.error);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, runId]);

  const users = chosen.filter((c) => c.kind === 'user');
  const toggle = (match: DirectoryMatch, on: boolean) => setChosen(on ? [...chosen, match] : chosen.filter((c) => c.id !== match.id));
  const found = query.trim().length < 2 ? [] : matches;
  const shown = [...chosen, ...found.filter((m) => !chosen.some((c) => c.id === m.id))];
  const save = () =>
    void askWorker(() =>
      sendMessage('worker:continueGrant', {
        runId,
        userIds: users.map((u) => u.id),
        groupIds: chosen.filter((c) => c.kind === 'group').map((g) => g.id),
      }),
    );

  return (
    <section className={styles.root} aria-label="Choose users and groups">
      <Field label="Find users and groups by name or sign-in name" hint={`${users.length} of at most ${MAX_USERS} users chosen`}>
        <Input value={query} onChange={(_, data) => setQuery(data.value)} placeholder="Type at least 2 letters" />
      </Field>
      {shown.map((match) => (
        <Checkbox
          key={match.id}
          checked={chosen.some((c) => c.id === match.id)}
          disabled={match.kind === 'user' && users.length >= MAX_USERS && !chosen.some((c) => c.id === match.id)}
          onChange={(_, data) => toggle(match, data.checked === true)}
          label={`${match.kind === 'group' ? 'Group' : 'User'}: ${match.displayName}${match.secondary ? ` (${match.secondary})` : ''}`}
        />
      ))}
      {query.trim().length >= 2 && found.length === 0 && <Body1>No user or group starts with “{query}”.</Body1>}
      <Button appearance="primary" disabled={chosen.length === 0} onClick={save}>
        Sync these and continue
      </Button>
      {error && <ErrorBar title="The search did not work" error={error} />}
    </section>
  );
}
