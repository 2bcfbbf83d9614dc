import 'server-only';

import { getActiveKubeConfig, type KubeConfigSource } from '@/server/kube/config';
import { toLoggedKubeFailure, type KubeFailure } from '@/server/kube/errors';
import { probeCluster } from '@/server/kube/health';
import { listWorkspaces, type WorkspaceList } from '@/server/kube/workspaces';

export interface ConnectionView {
  /** Short, human description of where the config came from. */
  label: string;
  server?: string;
  context?: string;
  reachable: boolean;
  version?: string;
}

export type HomeView =
  | { ok: true; connection: ConnectionView; workspaces: WorkspaceList }
  | { ok: false; connection: ConnectionView; failure: KubeFailure };

function sourceLabel(source: KubeConfigSource): string {
  switch (source.kind) {
    case 'fleet-deck':
      return source.embedded ? 'Embedded cluster' : 'Kubeconfig';
    case 'kubeconfig-env':
      return 'KUBECONFIG';
    case 'in-cluster':
      return 'In-cluster service account';
    case 'home':
      return '~/.kube/config';
  }
}

function describeConnection(): Omit<ConnectionView, 'reachable' | 'version'> {
  try {
    const active = getActiveKubeConfig();
    return { label: sourceLabel(active.source), server: active.server, context: active.kc.getCurrentContext() || undefined };
  } catch {
    return { label: 'Not configured' };
  }
}

/** Everything the home page shows, in one call that never throws. */
export async function loadHomeView(): Promise<HomeView> {
  const [probe, workspaces] = await Promise.all([
    probeCluster(),
    listWorkspaces().then(
      (list) => ({ ok: true as const, list }),
      (err: unknown) => ({ ok: false as const, err }),
    ),
  ]);
  const base = describeConnection();
  const connection: ConnectionView = probe.ok
    ? { ...base, reachable: true, version: probe.gitVersion }
    : { ...base, reachable: false };

  if (workspaces.ok) return { ok: true, connection, workspaces: workspaces.list };
  // Prefer the probe's diagnosis when the whole cluster is down: it names the cause plainly.
  const failure = probe.ok ? toLoggedKubeFailure(workspaces.err, base.server, 'home') : probe.failure;
  return { ok: false, connection, failure };
}
