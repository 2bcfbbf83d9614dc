import 'server-only';

import type { ListKind } from '@/lib/api/schemas';
import { objectToYaml } from '@/lib/yaml/object-yaml';
import type { Bff } from '@/server/bff';
import { BffError } from '@/server/http/errors';

import { toObjectDto } from './details';

const KIND_NAMES: Record<ListKind, string> = { gitrepos: 'GitRepo', clusters: 'Cluster', clustergroups: 'ClusterGroup', bundles: 'Bundle' };

/**
 * An object as YAML, from the cache: the same text the detail page shows (no `managedFields`;
 * with `clean`, no status and no server-written metadata). Only Fleet kinds come through here, so
 * no Secret data can.
 */
export function objectYaml(bff: Bff, kind: ListKind, workspace: string, name: string, options: { clean: boolean }): string {
  if (!bff.cache.workspaceExists(workspace)) throw new BffError('not_found', `Workspace "${workspace}" does not exist`, 'ws');
  const object = bff.cache.object(kind, workspace, name);
  if (!object) throw new BffError('not_found', `${KIND_NAMES[kind]} "${name}" does not exist in workspace "${workspace}"`, 'name');
  return objectToYaml(toObjectDto(object) as Record<string, unknown>, { mode: options.clean ? 'clean' : 'full' });
}
