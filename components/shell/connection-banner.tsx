'use client';

import { useEffect, useState } from 'react';

import { Icon } from '@/components/ui/icons';
import { useConnection } from '@/lib/stores/connection';

/** How long the browser's stream may be reconnecting before it counts as lost. */
const RECONNECT_GRACE_MS = 4_000;

/**
 * "Lost connection to the cluster" while the BFF reports its cluster connection down, or the
 * browser's stream is down (or has been reconnecting for a while). It clears by itself when the
 * connection is back; pages keep showing the last data meanwhile. The live region is always in
 * the DOM so screen readers announce the change.
 */
export function ConnectionBanner() {
  const stream = useConnection((s) => s.stream);
  const clusterConnected = useConnection((s) => s.clusterConnected);
  const [slowReconnect, setSlowReconnect] = useState(false);
  const [wasLive, setWasLive] = useState(false);
  if (stream === 'live' && !wasLive) setWasLive(true);
  if (stream === 'live' && slowReconnect) setSlowReconnect(false);

  useEffect(() => {
    if (stream !== 'connecting' || !wasLive) return;
    const timer = setTimeout(() => setSlowReconnect(true), RECONNECT_GRACE_MS);
    return () => clearTimeout(timer);
  }, [stream, wasLive]);

  const lost = stream === 'down' || !clusterConnected || (stream === 'connecting' && slowReconnect);
  return (
    <div role="status" aria-live="polite" data-testid="connection-banner-region">
      {lost ? (
        <div className="border-b border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100" data-testid="connection-banner">
          <p className="mx-auto flex max-w-[90rem] items-center gap-2 px-4 py-2 text-sm sm:px-6">
            <Icon name="warning" className="size-4 shrink-0 text-amber-700 dark:text-amber-300" />
            <span>
              <strong className="font-semibold">Lost connection to the cluster</strong> — changes will appear when it&apos;s back.
            </span>
          </p>
        </div>
      ) : null}
    </div>
  );
}
