import { describe, expect, it } from 'vitest';

import { driftEntries, driftEntry, driftResourceName, mergePatchFields } from './drift';

describe('driftEntry', () => {
  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };

  it('words missing, extra and foreign objects', () => {
    expect(driftEntry({ ...ref, missing: true })).toMatchObject({ change: 'missing', summary: expect.stringMatching(/^missing on cluster/), fields: [] });
    expect(driftEntry({ ...ref, delete: true })).toMatchObject({ change: 'extra', summary: expect.stringMatching(/^extra\/orphaned/) });
    expect(driftEntry({ ...ref, exist: true })).toMatchObject({ change: 'not-owned' });
  });

  it('turns a merge patch into changed fields, with removals', () => {
    const entry = driftEntry({ ...ref, patch: '{"spec":{"replicas":3,"template":{"metadata":{"labels":{"app.kubernetes.io/name":"web"}}}},"metadata":{"annotations":{"edited":null}}}' });
    expect(entry.change).toBe('patched');
    expect(entry.summary).toBe('3 fields changed on the cluster');
    expect(entry.fields).toEqual([
      { path: 'spec.replicas', desired: '3' },
      { path: 'spec.template.metadata.labels["app.kubernetes.io/name"]', desired: '"web"' },
      { path: 'metadata.annotations.edited', removed: true },
    ]);
  });

  it('keeps a patch that is not JSON as it is', () => {
    expect(driftEntry({ ...ref, patch: 'not json' })).toMatchObject({ change: 'patched', fields: [], rawPatch: 'not json' });
  });

  it('sorts entries and names resources', () => {
    const entries = driftEntries([{ kind: 'Service', name: 'b', patch: '{}' }, { ...ref, missing: true }]);
    expect(entries.map(driftResourceName)).toEqual(['Deployment shop/web', 'Service b']);
  });

  it('treats arrays as whole values, as merge patches replace them', () => {
    expect(mergePatchFields({ spec: { ports: [{ port: 80 }] } })).toEqual([{ path: 'spec.ports', desired: '[{"port":80}]' }]);
  });
});
