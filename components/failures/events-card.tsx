'use client';

import { Card, cx, EmptyState, RelativeTime, Table, td } from '@/components/detail/ui';
import { objectEventsSchema, type ListKind, type ObjectEvents } from '@/lib/api/schemas';

import { useFailureQuery } from './use-failure-query';

/**
 * How often the card asks again while the page is visible. The BFF does not watch Events (they are
 * read on demand by field selector; a watch of every Event in every namespace would cost far more
 * than one small read per open page), so the live stream cannot announce a new one. The card also
 * refreshes on the stream's notices for the object, which come with most status changes — and a
 * new Event usually accompanies one — so polling only catches the rest.
 */
const EVENTS_POLL_MS = 15_000;

/** Kubernetes Events about the object, newest first (what the controllers did and what failed). */
export function EventsCard({ kind, ws, name }: { kind: ListKind; ws: string; name: string }) {
  const query = useFailureQuery<ObjectEvents>(kind, ws, name, 'events', { limit: 50 }, objectEventsSchema, { refetchIntervalMs: EVENTS_POLL_MS });
  const data = query.data;
  let body;
  if (!data) body = query.error ? <EmptyState>Could not load events: {query.error.message}</EmptyState> : <EmptyState>Loading events…</EmptyState>;
  else if (data.items.length === 0) body = <EmptyState>No events about this object in the last hour.</EmptyState>;
  else {
    body = (
      <Table label="Events" head={['Type', 'Reason', 'Message', 'Count', 'Last seen']} testId="events">
        {data.items.map((event) => (
          <tr key={event.name} data-reason={event.reason} data-type={event.type}>
            <td className={cx(td, 'whitespace-nowrap', event.type === 'Warning' ? 'font-medium text-rose-700 dark:text-rose-300' : undefined)}>
              {event.type === 'Warning' ? <span aria-hidden="true">⚠ </span> : null}
              {event.type}
            </td>
            <td className={cx(td, 'whitespace-nowrap')}>{event.reason}</td>
            <td className={cx(td, 'max-w-xl break-words')}>{event.message}</td>
            <td className={cx(td, 'tabular-nums')}>{event.count}</td>
            <td className={cx(td, 'whitespace-nowrap')}>
              <RelativeTime iso={event.lastTimestamp} />
            </td>
          </tr>
        ))}
      </Table>
    );
  }
  return (
    <Card title="Events" description="What Fleet's controllers recorded about this object, newest first" flush testId="events-card">
      {body}
    </Card>
  );
}
