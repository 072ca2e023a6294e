import ReactDOM from 'react-dom/client';
import { ThemedRoot } from '@/components/ThemedRoot';
import { localizeDocument } from '@/components/localize-document';
import { ConsoleApp } from './ConsoleApp';

localizeDocument('consolePage_documentTitle');
ReactDOM.createRoot(document.getElementById('root')!).render(
  <ThemedRoot>
    <ConsoleApp />
  </ThemedRoot>,
);
