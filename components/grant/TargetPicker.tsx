import { Body1, Button, Checkbox, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ErrorData } from '@/lib/errors/app-error';
import { formatCount } from '@/lib/i18n/format';
import { type MessageKey, t } from '@/lib/i18n/t';
import { type DirectoryMatch, sendMessage } from '@/lib/messaging/protocol';
import { askWorker } from '../ask-worker';
import { ErrorBar } from '../ErrorBar';

const MAX_USERS = 100;
const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

const MATCH_LABELS: Record<DirectoryMatch['kind'], { plain: MessageKey; withSecondary: MessageKey }> = {
  user: { plain: 'targetPicker_user', withSecondary: 'targetPicker_userWith' },
  group: { plain: 'targetPicker_group', withSecondary: 'targetPicker_groupWith' },
};
const matchLabel = (match: DirectoryMatch) =>
  match.secondary
    ? t(MATCH_LABELS[match.kind].withSecondary, match.displayName, match.secondary)
    : t(MATCH_LABELS[match.kind].plain, match.displayName);

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
    <section className={styles.root} aria-label={t('targetPicker_label')}>
      <Field label={t('targetPicker_find')} hint={t('targetPicker_chosen', formatCount(users.length), formatCount(MAX_USERS))}>
        <Input value={query} onChange={(_, data) => setQuery(data.value)} placeholder={t('targetPicker_placeholder')} />
      </Field>
      {shown.map((match) => (
        <Checkbox
          key={match.id}
          checked={chosen.some((c) => c.id === match.id)}
          disabled={match.kind === 'user' && users.length >= MAX_USERS && !chosen.some((c) => c.id === match.id)}
          onChange={(_, data) => toggle(match, data.checked === true)}
          label={matchLabel(match)}
        />
      ))}
      {query.trim().length >= 2 && found.length === 0 && <Body1>{t('targetPicker_noMatch', query)}</Body1>}
      <Button appearance="primary" disabled={chosen.length === 0} onClick={save}>
        {t('targetPicker_save')}
      </Button>
      {error && <ErrorBar title={t('targetPicker_searchFailed')} error={error} />}
    </section>
  );
}
