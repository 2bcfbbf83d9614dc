'use client';

import { useState } from 'react';

import { useConnection } from '@/lib/stores/connection';

/** Whether the page is getting live updates: true once the stream has been up and cluster is connected. */
export function useLiveStatus(): { live: boolean; label: string; tone: 'live' | 'connecting' | 'lost'; seenLive: boolean } {
  const stream = useConnection((s) => s.stream);
  const clusterConnected = useConnection((s) => s.clusterConnected);
  const [seenLive, setSeenLive] = useState(false);
  if (stream === 'live' && !seenLive) setSeenLive(true);
  if (stream === 'live' && clusterConnected) return { live: true, label: 'Live', tone: 'live', seenLive: true };
  if (stream === 'connecting' && !seenLive) return { live: false, label: 'Connecting…', tone: 'connecting', seenLive };
  return { live: false, label: 'Reconnecting…', tone: 'lost', seenLive };
}

const DOT = { live: 'bg-emerald-500', connecting: 'bg-slate-400 animate-pulse', lost: 'bg-amber-500 animate-pulse' } as const;

/** A dot and a word in the top bar: green "Live", or amber "Reconnecting…" while updates are paused. */
export function LiveIndicator() {
  const { label, tone } = useLiveStatus();
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-full border border-slate-200 px-2.5 py-1 text-xs font-medium text-slate-700 dark:border-slate-700 dark:text-slate-300"
      data-testid="live-indicator"
      data-state={tone}
      title={tone === 'live' ? 'Changes on the cluster appear here as they happen' : 'Live updates are paused until the connection is back'}
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${DOT[tone]}`} />
      {label}
    </span>
  );
}
