'use client';

import { useEffect, useState } from 'react';

/**
 * `value` once it has stopped changing for `delay` ms. Values are compared by `fingerprint`
 * (default: JSON), so a parent that rebuilds an equal object on every render does not restart
 * the wait.
 */
export function useDebouncedValue<T>(value: T, delay: number, fingerprint: (value: T) => string = (v) => JSON.stringify(v) ?? ''): T {
  const key = fingerprint(value);
  const [settled, setSettled] = useState({ key, value });
  useEffect(() => {
    if (key === settled.key) return;
    const timer = setTimeout(() => setSettled({ key, value }), delay);
    return () => clearTimeout(timer);
    // `value` is represented by `key`; depending on the object itself would restart the timer on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delay, settled.key]);
  return settled.value;
}

/** True once `active` has stayed true for `delay` ms: a spinner that does not flash on fast answers. */
export function useDelayedFlag(active: boolean, delay: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => setShown(true), delay);
    return () => {
      clearTimeout(timer);
      setShown(false);
    };
  }, [active, delay]);
  return active && shown;
}
