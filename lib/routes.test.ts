import { describe, expect, it } from 'vitest';

import { objectHref, parsePath, sectionHref, switchWorkspaceHref } from './routes';

describe('parsePath', () => {
  it('reads workspace, section and name', () => {
    expect(parsePath('/w/fleet-local')).toEqual({ ws: 'fleet-local', section: undefined, name: undefined, rest: [] });
    expect(parsePath('/w/a/clusters')).toEqual({ ws: 'a', section: 'clusters', name: undefined, rest: [] });
    expect(parsePath('/w/a/gitrepos/my-repo/yaml')).toEqual({ ws: 'a', section: 'gitrepos', name: 'my-repo', rest: ['yaml'] });
    expect(parsePath('/')).toEqual({ rest: [] });
  });
});

describe('switchWorkspaceHref', () => {
  it('keeps the section', () => {
    expect(switchWorkspaceHref('/w/a/clusters', '', 'b')).toBe('/w/b/clusters');
    expect(switchWorkspaceHref('/w/a', '', '_all')).toBe('/w/_all');
    expect(switchWorkspaceHref('/w/a/workspaces', '', 'b')).toBe('/w/b/workspaces');
  });
  it('keeps filters but not the page number', () => {
    expect(switchWorkspaceHref('/w/a/gitrepos', 'state=error&page=3&q=web', 'b')).toBe('/w/b/gitrepos?state=error&q=web');
  });
  it("turns an object's page into its list", () => {
    expect(switchWorkspaceHref('/w/a/gitrepos/repo-1', '', 'b')).toBe('/w/b/gitrepos');
    expect(switchWorkspaceHref('/w/a/gitrepos/new', '', 'b')).toBe('/w/b/gitrepos');
  });
});

describe('hrefs', () => {
  it('builds list and object links', () => {
    expect(sectionHref('a', 'clusters', { state: 'error' })).toBe('/w/a/clusters?state=error');
    expect(sectionHref('a', 'clusters', { state: 'error', page: 1 })).toBe('/w/a/clusters?state=error');
    expect(objectHref('b', 'bundles', 'x.y')).toBe('/w/b/bundles/x.y');
  });
});
