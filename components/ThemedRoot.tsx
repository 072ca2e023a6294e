import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { type ReactNode, useEffect, useState } from 'react';

const darkQuery = '(prefers-color-scheme: dark)';

/** Fluent UI's provider with the light or dark theme, following the system setting as it changes. */
export function ThemedRoot({ children }: { children: ReactNode }) {
  const [dark, setDark] = useState(() => matchMedia(darkQuery).matches);
  useEffect(() => {
    const query = matchMedia(darkQuery);
    const update = () => setDark(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>{children}</FluentProvider>;
}
