import ReactDOM from 'react-dom/client';
import { ThemedRoot } from '@/components/ThemedRoot';
import { localizeDocument } from '@/components/localize-document';
import { PopupApp } from './PopupApp';

localizeDocument('popupPage_documentTitle');
ReactDOM.createRoot(document.getElementById('root')!).render(
  <ThemedRoot>
    <PopupApp />
  </ThemedRoot>,
);
