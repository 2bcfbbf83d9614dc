'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { useConnection } from '@/lib/stores/connection';

import { fleetKeys } from './keys';
import { ALL_WORKSPACES, LIST_KINDS, type ListKind } from './schemas';

interface ChangeMessage {
  changes: { kind: ListKind | 'workspaces'; workspace: string; name?: string; count?: number }[];
}

/**
 * One EventSource per tab. Each batch of change notices invalidates the affected lists, details
 * and counts, so visible queries refetch exactly their page; the connection state drives the
 * live indicator and the "stream down" banner.
 */
export function useLiveEvents(workspace: string): void {
  const queryClient = useQueryClient();
  const setStream = useConnection((s) => s.setStream);
  const setClusterConnected = useConnection((s) => s.setClusterConnected);

  useEffect(() => {
    const source = new EventSource(`/api/v1/events?ws=${encodeURIComponent(workspace)}`);
    setStream('connecting');
    source.onopen = () => setStream('live');
    source.onerror = () => setStream(source.readyState === EventSource.CLOSED ? 'down' : 'connecting');
    source.addEventListener('status', (event) => {
      const { connected } = JSON.parse((event as MessageEvent<string>).data) as { connected: boolean };
      setClusterConnected(connected);
      if (connected) void queryClient.invalidateQueries({ queryKey: fleetKeys.all });
    });
    source.addEventListener('changes', (event) => {
      setStream('live');
      const { changes } = JSON.parse((event as MessageEvent<string>).data) as ChangeMessage;
      const touched = new Set<string>();
      let workspacesChanged = false;
      for (const change of changes) {
        if (change.kind === 'workspaces') {
          workspacesChanged = true;
          continue;
        }
        workspacesChanged = true; // counts per workspace change with every object
        for (const ws of [change.workspace, ALL_WORKSPACES]) touched.add(`${change.kind}\u0000${ws}`);
      }
      const workspaces = new Set<string>();
      for (const entry of touched) {
        const [kind, ws] = entry.split('\u0000') as [ListKind, string];
        workspaces.add(ws);
        // cancelRefetch: false — a list slower than the 500 ms batches must still finish refreshing.
        if (LIST_KINDS.includes(kind)) void queryClient.invalidateQueries({ queryKey: fleetKeys.inWorkspace(kind, ws) }, { cancelRefetch: false });
      }
      // A detail page shows relations across kinds (a repo's bundles, a cluster's repos), so
      // any change in its workspace may change it. Its failure views (matrix, drift, events) sit
      // under its detail key, so a BundleDeployment change — sent as a notice for its repo and
      // cluster — refreshes a repo's, a cluster's and a cluster group's matrix and drift too.
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] === 'fleet' && query.queryKey[3] === 'detail' && workspaces.has(String(query.queryKey[2])),
      }, { cancelRefetch: false });
      if (workspacesChanged) void queryClient.invalidateQueries({ queryKey: fleetKeys.workspaces() }, { cancelRefetch: false });
    });
    return () => source.close();
  }, [workspace, queryClient, setStream, setClusterConnected]);
}
