import ReactDOM from 'react-dom/client';
import { PopupApp } from './PopupApp';
import './popup.css';

// No FluentProvider at the root: the first screen is plain elements with a static stylesheet that follows the
// system's light or dark theme; the Fluent UI parts bring their own provider (FluentParts.tsx).
ReactDOM.createRoot(document.getElementById('root')!).render(<PopupApp />);
