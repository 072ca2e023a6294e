// @vitest-environment happy-dom
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePacedLiveQuery } from '../../../components/use-paced-live-query';
import { AppDB } from '../../../lib/db/app-db';
import { tenant } from '../monitor/fixtures';

// The console reads what a sync keeps changing at a pace (issue #18): the first value and a lone change at once, a
// burst of changes with a few reads, and the last change always.

const PACE_MS = 1000;
let db: AppDB;
const unmounts: Array<() => void> = [];
beforeEach(() => {
  db = new AppDB(`paced-${Math.random()}`);
});
afterEach(async () => {
  unmounts.splice(0).forEach((unmount) => unmount());
  db.close();
  await db.delete();
});

/** A component showing the tenants' display names, and how many times its query has read them. */
function mounted() {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
  const reads = vi.fn(() => db.tenants.toArray());
  function Names() {
    const tenants = usePacedLiveQuery(reads, [], PACE_MS);
    return <p>{tenants === undefined ? 'reading' : tenants.map((t) => t.displayName).join(',') || 'none'}</p>;
  }
  const element = document.body.appendChild(document.createElement('div'));
  const root = createRoot(element);
  unmounts.push(() => {
    root.unmount();
    element.remove();
  });
  root.render(<Names />);
  return { reads, shown: () => element.textContent };
}

const rename = (name: string) => db.tenants.put({ ...tenant, displayName: name });

describe('usePacedLiveQuery', () => {
  it('shows the first value, and a change after a quiet while, without waiting for the pace', async () => {
    const view = mounted();
    await vi.waitFor(() => expect(view.shown()).toBe('none'));
    await new Promise((resolve) => setTimeout(resolve, PACE_MS + 100));
    const changed = performance.now();
    await rename('Contoso');
    await vi.waitFor(() => expect(view.shown()).toBe('Contoso'), { timeout: PACE_MS, interval: 5 });
    expect(performance.now() - changed).toBeLessThan(PACE_MS);
  });

  it('reads a burst of changes a few times, not once each, and ends on the last one', async () => {
    const view = mounted();
    await vi.waitFor(() => expect(view.shown()).toBe('none'));
    for (let n = 1; n <= 30; n++) await rename(`Contoso ${n}`);
    await vi.waitFor(() => expect(view.shown()).toBe('Contoso 30'), { timeout: 3 * PACE_MS });
    // Unpaced, Dexie read 15 times here (of 31 changes); paced, 4: the first value, and about two a pace after.
    expect(view.reads.mock.calls.length).toBeLessThanOrEqual(6);
  });
});
