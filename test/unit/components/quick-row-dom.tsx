import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach } from 'vitest';
import { TenantQuickRow } from '../../../components/monitor/TenantQuickRow';
import type { QuickTenantRow } from '../../../lib/monitor/quick-status';

// For test files under `// @vitest-environment happy-dom`: the popup's row rendered by React in the document, opened
// as the admin opens it. A row that is well makes its details only once opened (the popup's first render, issue #17).

const unmounts: Array<() => void> = [];
afterEach(() => act(() => unmounts.splice(0).forEach((unmount) => unmount())));

/** The row in a fresh element of the document; `open` opens each of its closed details (the toggle event). */
export function renderedRow(row: QuickTenantRow, now: number): { element: HTMLElement; open: () => void } {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const element = document.body.appendChild(document.createElement('div'));
  const root = createRoot(element);
  unmounts.push(() => {
    root.unmount();
    element.remove();
  });
  // act() with a synchronous callback renders and commits before it returns.
  act(() => root.render(<TenantQuickRow row={row} onAction={() => undefined} onGrant={() => undefined} now={now} />));
  const open = () =>
    act(() => {
      for (const details of element.querySelectorAll('details:not([open])')) {
        details.setAttribute('open', '');
        details.dispatchEvent(new Event('toggle'));
      }
    });
  return { element, open };
}
