import { describe, expect, it } from 'vitest';

import { serializeListQuery } from '@/lib/api/url-state';

import { shortRepo } from './format';
import { isFiltered, listQueryFor, sameListQuery } from './list-query';

describe('listQueryFor', () => {
  it('reads a table state from the URL like the server page does', () => {
    const query = listQueryFor('clusters', new URLSearchParams('q=prod&state=error&label=env%3Dprod&sort=lastSeen&order=desc&page=3&pageSize=25'));
    expect(query).toEqual({ q: 'prod', state: 'error', label: 'env=prod', sort: 'lastSeen', order: 'desc', page: 3, pageSize: 25 });
  });

  it('falls back to name for a field the kind cannot sort by, keeping the rest', () => {
    expect(listQueryFor('clustergroups', { sort: 'lastSeen', order: 'desc' })).toMatchObject({ sort: 'name', order: 'desc' });
    expect(listQueryFor('gitrepos', { sort: 'clustersReady' }).sort).toBe('clustersReady');
  });

  it('drops bad values one by one instead of failing the page', () => {
    expect(listQueryFor('bundles', { page: '-4', pageSize: '9999', state: 'broken', q: 'x' })).toEqual({ q: 'x', sort: 'name', order: 'asc', page: 1, pageSize: 50 });
  });

  it('round-trips through the URL with defaults left out', () => {
    const query = listQueryFor('clusters', { label: 'env in (a,b)', page: '2' });
    expect(serializeListQuery(query)).toBe('?label=env+in+%28a%2Cb%29&page=2');
    expect(sameListQuery(listQueryFor('clusters', new URLSearchParams(serializeListQuery(query))), query)).toBe(true);
  });

  it('knows when filters narrow the rows', () => {
    expect(isFiltered(listQueryFor('clusters', {}))).toBe(false);
    expect(isFiltered(listQueryFor('clusters', { page: '4', sort: 'age' }))).toBe(false);
    expect(isFiltered(listQueryFor('clusters', { state: 'warning' }))).toBe(true);
  });
});

describe('shortRepo', () => {
  it.each([
    ['https://github.com/rancher/fleet-examples.git', 'github.com/rancher/fleet-examples'],
    ['https://github.com/rancher/fleet-examples', 'github.com/rancher/fleet-examples'],
    ['git@github.com:org/repo.git', 'github.com/org/repo'],
    ['ssh://git@git.example.com:2222/org/repo.git', 'git.example.com:2222/org/repo'],
    ['https://user@gitlab.example.com/group/sub/repo/', 'gitlab.example.com/group/sub/repo'],
  ])('%s → %s', (url, short) => {
    expect(shortRepo(url)).toBe(short);
  });
});
