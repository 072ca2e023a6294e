import ReactDOM from 'react-dom/client';
import { ThemedRoot } from '@/components/ThemedRoot';
import { PopupApp } from './PopupApp';

ReactDOM.createRoot(document.getElementById('root')!).render(
  <ThemedRoot>
    <PopupApp />
  </ThemedRoot>,
);
