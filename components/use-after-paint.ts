import { useEffect, useState } from 'react';

/**
 * False until a frame has been painted after `ready` turned true: what can wait (a UI kit's chunk, its styles) starts
 * after the first paint instead of delaying it. A timer stands in for the frame in a hidden page, which gets none.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    const done = () => setPainted(true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A timeout queued from an animation frame runs after that frame is on screen.
    const frame = requestAnimationFrame(() => (timer = setTimeout(done, 0)));
    const fallback = setTimeout(done, 500);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [ready, painted]);
  return painted;
}
