import 'server-only';

import { VersionApi } from '@kubernetes/client-node';

import { getActiveKubeConfig } from './config';
import { toLoggedKubeFailure, withTimeout, type KubeFailure } from './errors';

export type ClusterProbe =
  | { ok: true; server: string; gitVersion: string }
  | { ok: false; failure: KubeFailure };

/** Asks the API server for `/version`; never throws. */
export async function probeCluster(timeoutMs = 3_000): Promise<ClusterProbe> {
  let server: string | undefined;
  try {
    const active = getActiveKubeConfig();
    server = active.server;
    const version = await withTimeout(active.kc.makeApiClient(VersionApi).getCode(), timeoutMs);
    return { ok: true, server, gitVersion: version.gitVersion };
  } catch (err) {
    return { ok: false, failure: toLoggedKubeFailure(err, server, 'readyz') };
  }
}
