import { Button } from '@fluentui/react-components';
import Dexie from 'dexie';
import { Component, type ReactNode } from 'react';
import { type ErrorData, toErrorData } from '@/lib/errors/app-error';
import { storageFailureCode } from '@/lib/errors/storage-full';
import { t } from '@/lib/i18n/t';
import { ErrorBar } from './ErrorBar';

interface State {
  error?: ErrorData;
}

/**
 * Where a page's records cannot be read at all, it says why instead of going blank. On a full disk Chromium closes the
 * extension's database and cannot open it again until space is freed (lib/sync/unrecorded-end.ts): every live query
 * then fails, with `UnknownError` as often as with `QuotaExceededError`, so a database error is weighed against the
 * space left (storageFailureCode). The admin reads the disk-full words (what happened, what to do) and, once space is
 * free, Try again renders the page anew, which opens the database again (lib/db/index.ts).
 */
export class StorageBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { error: toErrorData(error) };
  }

  override componentDidCatch(error: unknown): void {
    if (!(error instanceof Dexie.DexieError) || this.state.error?.code === 'storage_full') return;
    void storageFailureCode(error).then((code) =>
      this.setState({ error: code === 'storage_full' ? { code } : { code, params: [(error as Error).name] } }),
    );
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <ErrorBar
        title={t('storageBoundary_title')}
        error={error}
        actions={<Button onClick={() => this.setState({ error: undefined })}>{t('storageBoundary_tryAgain')}</Button>}
      />
    );
  }
}
