import { useEffect, useState } from 'react';
import { type ConsoleRoute, formatConsoleRoute, parseConsoleRoute } from '@/lib/format/console-route';

/** The console page the address names; follows the address as links, Back and Forward change it. */
export function useConsoleRoute(): ConsoleRoute {
  const [route, setRoute] = useState(() => parseConsoleRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseConsoleRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}

/** Go to a console page, as a link to it would (Back returns). */
export function goTo(route: ConsoleRoute): void {
  location.hash = formatConsoleRoute(route);
}
