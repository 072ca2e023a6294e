import ReactDOM from 'react-dom/client';
import { ThemedRoot } from '@/components/ThemedRoot';
import { localizeDocument } from '@/components/localize-document';
import { StorageBoundary } from '@/components/StorageBoundary';
import { ConsoleApp } from './ConsoleApp';

localizeDocument('consolePage_documentTitle');
ReactDOM.createRoot(document.getElementById('root')!).render(
  <ThemedRoot>
    <StorageBoundary>
      <ConsoleApp />
    </StorageBoundary>
  </ThemedRoot>,
);
