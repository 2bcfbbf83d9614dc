import type { ReactNode } from 'react';

import { AppHeader } from '@/components/app-header';
import { ConnectionStatus } from '@/components/connection-status';
import { ErrorPanel } from '@/components/error-panel';
import { HomeRedirect } from '@/components/home-redirect';
import { requirePageSession } from '@/server/auth/page';
import { getBff } from '@/server/bff';
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

/**
 * `/`: sends the browser on to its last workspace's dashboard (a client-side redirect, since the
 * preference lives in localStorage). When the cluster cannot be reached it says so here instead,
 * plainly and without a stack trace.
 */
export default async function HomePage() {
  const session = await requirePageSession('/');
  const view = await loadHomeView();
  if (view.ok && session.mode === 'token') {
    // Only the workspaces the signed-in person may see.
    const visible = await getBff().then((bff) => bff.cache.workspaceNames(), () => []);
    return <HomeRedirect workspaces={visible} />;
  }
  if (view.ok) return <HomeRedirect workspaces={view.workspaces.items.map((w) => w.name)} />;
  return (
    <>
      <AppHeader>
        <ConnectionStatus {...view.connection} />
      </AppHeader>
      <main className="mx-auto max-w-6xl px-4 py-10 sm:px-6">
        <h1 className="mb-6 text-2xl font-semibold tracking-tight">Fleet Deck</h1>
        <ErrorPanel title="Cannot reach the management cluster" code={view.failure.code} message={view.failure.message} hint={hintFor(view.failure.code)} />
      </main>
    </>
  );
}
