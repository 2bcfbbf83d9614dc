import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { auditTarget, writeAudit } = await import('./audit');

describe('audit log', () => {
  it('writes one JSON line with who, what and the result', () => {
    const lines: string[] = [];
    writeAudit({ user: 'editor', method: 'DELETE', route: 'DELETE /api/v1/workspaces/{ws}/gitrepos/{name}', workspace: 'team-a', kind: 'gitrepos', name: 'web', status: 200 }, (l) => lines.push(l));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ audit: true, user: 'editor', method: 'DELETE', workspace: 'team-a', kind: 'gitrepos', name: 'web', status: 200, time: expect.any(String) });
  });

  it('names the target from the path, and only the new name from a create body', () => {
    expect(auditTarget('POST /api/v1/workspaces/{ws}/gitrepos/{name}/actions/pause', { ws: 'a', kind: 'gitrepos', name: 'r', action: 'pause' }, {})).toEqual({ workspace: 'a', kind: 'gitrepos', name: 'r', action: 'pause' });
    const create = auditTarget(
      'POST /api/v1/workspaces/{ws}/gitrepos',
      { ws: 'a', kind: 'gitrepos' },
      { gitRepo: { metadata: { name: 'new-repo' }, spec: { repo: 'x' } }, secrets: { clientSecret: { type: 'basic-auth', username: 'u', password: 'hunter2' } } },
    );
    expect(create).toEqual({ workspace: 'a', kind: 'gitrepos', name: 'new-repo' });
    expect(JSON.stringify(create)).not.toContain('hunter2');
    expect(auditTarget('POST /api/v1/workspaces', undefined, { name: 'team-b' })).toEqual({ kind: 'workspaces', name: 'team-b' });
    expect(auditTarget('DELETE /api/v1/workspaces/{ws}', { ws: 'team-b' }, undefined)).toEqual({ kind: 'workspaces', name: 'team-b' });
  });
});
