import ReactDOM from 'react-dom/client';
import { localizeDocument } from '@/components/localize-document';
import { startLiveQuery } from '@/components/live-value';
import { startMonitorSettings } from '@/components/monitor/use-monitor-settings';
import { getDb } from '@/lib/db';
import { loadQuickStatus } from '@/lib/monitor/quick-status-facts';
import { PopupApp } from './PopupApp';
import './popup.css';

// IndexedDB and the settings are asked now, while React makes its first render, not after it: the rows are what the
// admin opened the popup for. No FluentProvider at the root: the first screen is plain elements with a static
// stylesheet that follows the system's light or dark theme; the Fluent UI parts bring their own (FluentParts.tsx).
const quick = startLiveQuery(() => loadQuickStatus(getDb()));
startMonitorSettings();
localizeDocument('popupPage_documentTitle');
ReactDOM.createRoot(document.getElementById('root')!).render(<PopupApp quick={quick} />);
