import ReactDOM from 'react-dom/client';
import { ThemedRoot } from '@/components/ThemedRoot';
import { ConsoleApp } from './ConsoleApp';

ReactDOM.createRoot(document.getElementById('root')!).render(
  <ThemedRoot>
    <ConsoleApp />
  </ThemedRoot>,
);
