import { Spinner } from '@fluentui/react-components';
import { lazy, Suspense } from 'react';
import { ErrorBar } from '@/components/ErrorBar';
import { QuickLookup } from '@/components/monitor/QuickLookup';
import { ThemedRoot } from '@/components/ThemedRoot';
import type { ConnectorRecord, TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { t } from '@/lib/i18n/t';

// The popup's Fluent UI parts, loaded after the rows are on screen (PopupApp). Each part has its own provider: the
// rows between them are plain elements. The grant's pieces load only when a grant is shown (bundle budget).
const GrantWizard = lazy(() => import('@/components/grant/GrantWizard').then((m) => ({ default: m.GrantWizard })));
const GrantProgress = lazy(() => import('@/components/grant/GrantProgress').then((m) => ({ default: m.GrantProgress })));

export function LookupPart({ tenants }: { tenants: readonly TenantRecord[] }) {
  return (
    <ThemedRoot>
      <QuickLookup tenants={tenants} />
    </ThemedRoot>
  );
}

export function ErrorPart({ title, error }: { title: string; error: ErrorData }) {
  return (
    <ThemedRoot>
      <ErrorBar title={title} error={error} />
    </ThemedRoot>
  );
}

export function GrantProgressPart({ runId, takeFocus }: { runId: string; takeFocus: boolean }) {
  return (
    <ThemedRoot>
      <Suspense fallback={<Spinner size="tiny" label={t('popup_loadingGrant')} />}>
        <GrantProgress runId={runId} takeFocus={takeFocus} />
      </Suspense>
    </ThemedRoot>
  );
}

export function GrantWizardPart(props: { tenant: TenantRecord; connectors: ConnectorRecord[]; onStarted: () => void }) {
  return (
    <ThemedRoot>
      <Suspense fallback={<Spinner size="tiny" label={t('popup_loadingGrant')} />}>
        {/* The popup has no h2 above the wizard: its headings follow the page's h1. */}
        <GrantWizard {...props} headingLevel={2} />
      </Suspense>
    </ThemedRoot>
  );
}
