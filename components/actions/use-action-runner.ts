'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { create } from 'zustand';

import { apiSend, ApiClientError } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import type { ListKind } from '@/lib/api/schemas';

import { toast } from './toast';

export interface ActionTarget {
  workspace: string;
  name: string;
}

export interface ActionFailure<T> {
  target: T;
  error: ApiClientError;
}

export interface ActionOutcome<T> {
  ok: T[];
  failed: ActionFailure<T>[];
}

export interface RunOptions<T extends ActionTarget> {
  targets: readonly T[];
  perform(target: T): Promise<unknown>;
  /** "Paused my-repo", "Paused 3 Git repos". */
  done(count: number, only: T | undefined): string;
  /** "Could not pause my-repo", "Could not pause 2 of 5 Git repos". */
  failed(count: number, of: number, only: T | undefined): string;
  /** Extra text for the success toast. */
  detail?: string;
  /** Leave errors to the caller (a dialog that shows them at its fields). */
  quietErrors?: boolean;
}

/** Objects with an action in flight (`kind:workspace/name`), for spinners and disabled buttons. */
const usePendingStore = create<{ keys: ReadonlySet<string>; add(keys: string[]): void; remove(keys: string[]): void }>()((set) => ({
  keys: new Set(),
  add: (keys) => set((state) => ({ keys: new Set([...state.keys, ...keys]) })),
  remove: (keys) => set((state) => ({ keys: new Set([...state.keys].filter((key) => !keys.includes(key))) })),
}));

const pendingKey = (kind: ListKind, target: ActionTarget) => `${kind}:${target.workspace}/${target.name}`;

/** Whether an action on this object is in flight. */
export function usePending(kind: ListKind, target: ActionTarget): boolean {
  const key = pendingKey(kind, target);
  return usePendingStore((state) => state.keys.has(key));
}

/** Whether any action on objects of this kind is in flight. */
export function useAnyPending(kind: ListKind): boolean {
  return usePendingStore((state) => [...state.keys].some((key) => key.startsWith(`${kind}:`)));
}

/** How many requests a bulk action has in flight at once. */
const CONCURRENCY = 6;

export function actionPath(kind: ListKind, target: ActionTarget, ...rest: string[]): string {
  return ['/api/v1/workspaces', encodeURIComponent(target.workspace), kind, encodeURIComponent(target.name), ...rest].join('/');
}

export function asApiError(error: unknown): ApiClientError {
  return error instanceof ApiClientError ? error : new ApiClientError(0, 'internal', error instanceof Error ? error.message : String(error));
}

/**
 * Runs an action on one or many rows, a few requests at a time, then refreshes what it touched
 * (the BFF answers once its cache has the write, so the refetch already shows the new state; the
 * SSE stream would bring it too) and reports the outcome in one toast.
 */
export function useActionRunner(kind: ListKind) {
  const queryClient = useQueryClient();

  const run = useCallback(
    async <T extends ActionTarget>(options: RunOptions<T>): Promise<ActionOutcome<T>> => {
      const keys = options.targets.map((target) => pendingKey(kind, target));
      const pending = usePendingStore.getState();
      pending.add(keys);
      const ok: T[] = [];
      const failed: ActionFailure<T>[] = [];
      const queue = [...options.targets];
      const worker = async () => {
        for (let target = queue.shift(); target; target = queue.shift()) {
          try {
            await options.perform(target);
            ok.push(target);
          } catch (error) {
            failed.push({ target, error: asApiError(error) });
          }
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
      } finally {
        pending.remove(keys);
      }

      await Promise.all([
        queryClient.invalidateQueries({ queryKey: fleetKeys.kind(kind) }),
        queryClient.invalidateQueries({ queryKey: fleetKeys.workspaces() }),
      ]);

      const only = options.targets.length === 1 ? options.targets[0] : undefined;
      if (failed.length === 0) {
        toast({ tone: 'success', title: options.done(ok.length, only), detail: options.detail });
      } else if (!options.quietErrors) {
        const lines = failed.slice(0, 5).map(({ target, error }) => (only ? error.message : `${target.name}: ${error.message}`));
        if (failed.length > 5) lines.push(`…and ${failed.length - 5} more`);
        toast({ tone: 'error', title: options.failed(failed.length, options.targets.length, only), detail: lines.join('\n') });
        if (ok.length > 0) toast({ tone: 'success', title: options.done(ok.length, undefined) });
      }
      return { ok, failed };
    },
    [kind, queryClient],
  );

  return run;
}

/** `POST …/{kind}/{name}/actions/{action}` */
export function postAction(kind: 'gitrepos' | 'clusters', target: ActionTarget, action: string, body: unknown = {}): Promise<unknown> {
  return apiSend('POST', actionPath(kind, target, 'actions', action), body);
}

export function plural(count: number, one: string, many: string): string {
  return `${new Intl.NumberFormat('en').format(count)} ${count === 1 ? one : many}`;
}
