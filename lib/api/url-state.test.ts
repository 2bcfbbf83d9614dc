import { describe, expect, it } from 'vitest';

import { parseListQuery, serializeListQuery } from './url-state';

describe('list URL state', () => {
  it('round-trips a filtered, sorted page and drops defaults', () => {
    const query = parseListQuery(new URLSearchParams('q=prod&state=error&sort=lastSeen&order=desc&page=3&pageSize=50'));
    expect(query).toMatchObject({ q: 'prod', state: 'error', sort: 'lastSeen', order: 'desc', page: 3, pageSize: 50 });
    expect(serializeListQuery(query)).toBe('?q=prod&state=error&sort=lastSeen&order=desc&page=3');
  });

  it('keeps the good parts of a half-broken link', () => {
    const query = parseListQuery({ q: 'web', page: 'banana', pageSize: '100000', state: 'on-fire' });
    expect(query).toMatchObject({ q: 'web', page: 1, pageSize: 50, sort: 'name', order: 'asc' });
    expect(query.state).toBeUndefined();
  });
});
