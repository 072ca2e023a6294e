import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs`: renders stay pure, and "5 min ago" texts move on. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
