import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { isWorkspaceNamespace, sortWorkspaces, WORKSPACE_ANNOTATION } = await import('./workspaces');

describe('sortWorkspaces', () => {
  it('puts fleet-local, then fleet-default, then the rest by name', () => {
    const names = ['team-b', 'fleet-default', 'alpha', 'fleet-local'].map((name) => ({ name, local: name === 'fleet-local' }));
    expect(sortWorkspaces(names).map((w) => w.name)).toEqual(['fleet-local', 'fleet-default', 'alpha', 'team-b']);
  });
});

describe('isWorkspaceNamespace', () => {
  const ns = (name: string, annotations?: Record<string, string>) => ({ metadata: { name, annotations } });

  it('accepts the well-known workspaces, annotated namespaces and namespaces with GitRepos', () => {
    const withRepos = new Set(['team-a']);
    expect(isWorkspaceNamespace(ns('fleet-local'), withRepos)).toBe(true);
    expect(isWorkspaceNamespace(ns('fleet-default'), withRepos)).toBe(true);
    expect(isWorkspaceNamespace(ns('rancher-ws', { [WORKSPACE_ANNOTATION]: 'rancher-ws' }), withRepos)).toBe(true);
    expect(isWorkspaceNamespace(ns('team-a'), withRepos)).toBe(true);
  });

  it('rejects other namespaces', () => {
    expect(isWorkspaceNamespace(ns('kube-system'), new Set())).toBe(false);
    expect(isWorkspaceNamespace(ns('cattle-fleet-system'), new Set())).toBe(false);
    expect(isWorkspaceNamespace({ metadata: {} }, new Set())).toBe(false);
  });
});
