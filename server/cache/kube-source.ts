import 'server-only';

import { CoreV1Api, CustomObjectsApi, Watch, type KubeConfig } from '@kubernetes/client-node';

import type { KubeObject } from '@/lib/k8s/object';

import type { ListPage, ListWatchSource, StatusObject, WatchEventType } from './informer';

export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
}

function collectionPath({ group, version, plural }: ResourceRef): string {
  return group ? `/apis/${group}/${version}/${plural}` : `/api/${version}/${plural}`;
}

/** Server-side watch timeout; a random spread keeps many informers from reconnecting in step. */
function watchTimeoutSeconds(): number {
  return 240 + Math.floor(Math.random() * 120);
}

/** How long after the requested server-side timeout a silent watch is abandoned. */
const WATCHDOG_MARGIN_SECONDS = 30;

/**
 * List and watch one resource across all namespaces through `@kubernetes/client-node`, the same
 * way whatever the cluster is: the embedded one, a kind cluster or Rancher's local cluster.
 */
export function kubeListWatchSource<T extends KubeObject>(config: KubeConfig, ref: ResourceRef): ListWatchSource<T> {
  const custom = config.makeApiClient(CustomObjectsApi);
  const core = config.makeApiClient(CoreV1Api);
  const watcher = new Watch(config);
  const path = collectionPath(ref);
  return {
    description: path,
    async listPage(continueToken, limit) {
      if (ref.group) {
        return (await custom.listClusterCustomObject({ group: ref.group, version: ref.version, plural: ref.plural, limit, _continue: continueToken })) as ListPage<T>;
      }
      if (ref.plural === 'namespaces') {
        return (await core.listNamespace({ limit, _continue: continueToken })) as unknown as ListPage<T>;
      }
      throw new Error(`no list call for core resource ${ref.plural}`);
    },
    async watch(resourceVersion, onEvent, done) {
      const timeoutSeconds = watchTimeoutSeconds();
      const state: { finished: boolean; request?: AbortController; watchdog?: NodeJS.Timeout } = { finished: false };
      const finish = (error: unknown) => {
        if (state.finished) return;
        state.finished = true;
        clearTimeout(state.watchdog);
        done(error);
      };
      // The server ends the watch after `timeoutSeconds`; if it has not by then (plus a margin),
      // the connection is dead without a FIN (host gone, network cut): give up on it ourselves.
      state.watchdog = setTimeout(() => {
        finish(new Error(`watch ${path} got no end from the server after ${timeoutSeconds + WATCHDOG_MARGIN_SECONDS} s`));
        state.request?.abort();
      }, (timeoutSeconds + WATCHDOG_MARGIN_SECONDS) * 1000);
      state.watchdog.unref();
      const request = await watcher.watch(
        path,
        { resourceVersion, allowWatchBookmarks: true, timeoutSeconds },
        (type: string, object: unknown) => {
          if (!state.finished) onEvent(type as WatchEventType, object as T | StatusObject);
        },
        finish,
      );
      state.request = request;
      if (state.finished) request.abort();
      return () => {
        state.finished = true;
        clearTimeout(state.watchdog);
        request.abort();
      };
    },
  };
}
