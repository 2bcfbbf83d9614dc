import type { ReactNode } from 'react';

import { AppHeader } from '@/components/app-header';
import { ConnectionStatus } from '@/components/connection-status';
import { ErrorPanel } from '@/components/error-panel';
import { WorkspaceCard } from '@/components/workspace-card';
import { formatRelative } from '@/lib/time';
import { loadHomeView } from '@/server/views/home';

export const dynamic = 'force-dynamic';

const Code = ({ children }: { children: ReactNode }) => <code className="font-mono">{children}</code>;

function hintFor(code: string): ReactNode {
  switch (code) {
    case 'NoClusterConfigured':
    case 'InvalidKubeconfig':
      return (
        <>
          Run <Code>npm start</Code> without <Code>KUBECONFIG</Code> to use the embedded cluster, or point{' '}
          <Code>KUBECONFIG</Code> (or <Code>--kubeconfig</Code>) at a valid file.
        </>
      );
    case 'ClusterUnreachable':
    case 'Timeout':
    case 'ServiceUnavailable':
      return (
        <>
          Check that the API server is running and reachable from this machine. If you use the embedded cluster,
          restart <Code>npm start</Code>.
        </>
      );
    case 'Unauthorized':
      return 'The kubeconfig credentials were rejected. Refresh the token or certificate and reload.';
    case 'Forbidden':
      return 'The account needs permission to list fleetworkspaces (management.cattle.io) or namespaces.';
    default:
      return 'Reload the page to try again. The server log has more detail.';
  }
}

export default async function HomePage() {
  const view = await loadHomeView();
  const now = new Date();

  return (
    <>
      <AppHeader>
        <ConnectionStatus {...view.connection} />
      </AppHeader>
      <main className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <div className="mb-8 space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Workspaces</h1>
          <p className="text-slate-600 dark:text-slate-400">
            Each Fleet workspace is a namespace on the management cluster that holds GitRepos, clusters and
            cluster groups.
          </p>
        </div>

        {view.ok ? (
          view.workspaces.items.length > 0 ? (
            <section aria-label="Workspaces">
              <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {view.workspaces.items.map((ws) => (
                  <WorkspaceCard
                    key={ws.name}
                    name={ws.name}
                    local={ws.local}
                    age={ws.createdAt ? `Created ${formatRelative(ws.createdAt, now) ?? ws.createdAt}` : undefined}
                  />
                ))}
              </ul>
              <p className="mt-6 text-xs text-slate-600 dark:text-slate-400">
                {view.workspaces.items.length} workspace{view.workspaces.items.length === 1 ? '' : 's'}, read from{' '}
                {view.workspaces.source === 'fleetworkspaces' ? (
                  <code className="font-mono">fleetworkspaces.management.cattle.io</code>
                ) : (
                  'namespaces (no fleetworkspaces API on this cluster)'
                )}
                {view.connection.server ? (
                  <>
                    {' '}
                    at <span className="font-mono">{view.connection.server}</span>
                  </>
                ) : null}
                .
              </p>
            </section>
          ) : (
            <div className="rounded-xl border border-dashed border-slate-300 p-10 text-center text-slate-600 dark:border-slate-700 dark:text-slate-400">
              No Fleet workspaces on this cluster yet.
            </div>
          )
        ) : (
          <ErrorPanel
            title="Cannot reach the management cluster"
            code={view.failure.code}
            message={view.failure.message}
            hint={hintFor(view.failure.code)}
          />
        )}
      </main>
    </>
  );
}
