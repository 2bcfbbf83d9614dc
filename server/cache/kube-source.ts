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
      const request = await watcher.watch(
        path,
        { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: watchTimeoutSeconds() },
        (type: string, object: unknown) => onEvent(type as WatchEventType, object as T | StatusObject),
        done,
      );
      return () => request.abort();
    },
  };
}
