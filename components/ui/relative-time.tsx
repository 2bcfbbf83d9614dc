'use client';

/**
 * "3 days ago", with the exact ISO time in `dateTime` and `title`. Re-renders every minute.
 *
 *   <RelativeTime value={row.createdAt} />              // "—" when missing
 *   <RelativeTime value={lastSeen} prefix="seen " />
 *
 * Props: `value` (ISO 8601 string), `fallback` (default "—"), `prefix`, `className`.
 */
import { useEffect, useState } from 'react';

import { formatRelative } from '@/lib/time';

function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function RelativeTime({ value, fallback = '—', prefix, className }: { value?: string; fallback?: string; prefix?: string; className?: string }) {
  const now = useNow();
  const text = formatRelative(value, now);
  if (!value || !text) return <span className={className}>{fallback}</span>;
  const exact = new Date(value).toISOString();
  return (
    // The server's clock and the browser's differ by the render delay; the text may too.
    <time dateTime={exact} title={exact} className={className} suppressHydrationWarning>
      {prefix}
      {text}
    </time>
  );
}
