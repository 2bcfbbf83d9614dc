'use client';

import type { ConditionDto, FailureReasonsDto, ListKind, StateBucket } from '@/lib/api/schemas';

import { FailureFacts, TroubleshootingHints } from './failure-reasons';

/**
 * Under a state's message: which bundles and clusters fail, the failing condition (when its
 * message says more than the state's), and troubleshooting hints.
 */
export function StateReasons({ kind, ws, name, row, conditions }: { kind: ListKind; ws: string; name: string; row: { state: string; bucket: StateBucket; message: string; failing?: FailureReasonsDto }; conditions?: ConditionDto[] }) {
  if (row.bucket === 'active') return null;
  const failing = row.failing;
  // The failing condition is only news when its message is not the one shown already.
  const condition = failing?.condition && failing.condition.message !== row.message ? failing.condition : undefined;
  const messages = [row.message, ...(conditions ?? []).map((c) => c.message)];
  return (
    <div className="mt-2 space-y-2 whitespace-normal">
      {condition ? (
        <p className="text-sm" data-testid="failing-condition">
          <span className="font-medium">{condition.type}:</span> {condition.message}
        </p>
      ) : null}
      <FailureFacts failing={failing ? { ...failing, condition: undefined } : undefined} ws={ws} />
      <TroubleshootingHints kind={kind} ws={ws} name={name} state={row.state} messages={messages} />
    </div>
  );
}
