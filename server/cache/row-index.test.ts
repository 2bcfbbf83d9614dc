import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { RowIndex } = await import('./row-index');

interface Row {
  ws: string;
  name: string;
  state: string;
  seen?: number;
}

function index() {
  return new RowIndex<Row>({
    key: (r) => `${r.ws}/${r.name}`,
    workspace: (r) => r.ws,
    group: (r) => r.state,
    sortFields: { name: (r) => r.name, seen: (r) => r.seen },
  });
}

describe('RowIndex', () => {
  it('pages rows in natural name order within a workspace', () => {
    const rows = index();
    for (const n of [10, 2, 1, 33, 4]) rows.upsert({ ws: 'a', name: `c-${n}`, state: 'active' });
    rows.upsert({ ws: 'b', name: 'c-0', state: 'active' });
    const page = rows.query({ workspace: 'a', sort: 'name', order: 'asc', offset: 1, limit: 2 });
    expect(page.items.map((r) => r.name)).toEqual(['c-2', 'c-4']);
    expect(page.total).toBe(5);
    const desc = rows.query({ sort: 'name', order: 'desc', offset: 0, limit: 3 });
    expect(desc.items.map((r) => r.name)).toEqual(['c-33', 'c-10', 'c-4']);
    expect(desc.total).toBe(6);
  });

  it('keeps sorted lists and counts right as rows change, move and go', () => {
    const rows = index();
    rows.upsert({ ws: 'a', name: 'x', state: 'error', seen: 3 });
    rows.upsert({ ws: 'a', name: 'y', state: 'active', seen: 1 });
    rows.upsert({ ws: 'a', name: 'z', state: 'active', seen: 2 });
    expect(rows.query({ workspace: 'a', sort: 'seen', order: 'asc', offset: 0, limit: 10 }).items.map((r) => r.name)).toEqual(['y', 'z', 'x']);
    rows.upsert({ ws: 'a', name: 'y', state: 'error', seen: 9 });
    expect(rows.query({ workspace: 'a', sort: 'seen', order: 'asc', offset: 0, limit: 10 }).items.map((r) => r.name)).toEqual(['z', 'x', 'y']);
    expect(rows.countsFor('a')).toEqual({ error: 2, active: 1 });
    rows.remove('a/x');
    expect(rows.countsFor('a')).toEqual({ error: 1, active: 1 });
    expect(rows.countsFor()).toEqual({ error: 1, active: 1 });
    expect(rows.query({ workspace: 'a', sort: 'seen', order: 'asc', offset: 0, limit: 10 }).items.map((r) => r.name)).toEqual(['z', 'y']);
  });

  it('counts every match when filtering, not only the page', () => {
    const rows = index();
    for (let i = 0; i < 100; i++) rows.upsert({ ws: 'a', name: `n${i}`, state: i % 10 === 0 ? 'error' : 'active' });
    const page = rows.query({ workspace: 'a', sort: 'name', order: 'asc', offset: 0, limit: 3, filter: (r) => r.state === 'error' });
    expect(page.items.map((r) => r.name)).toEqual(['n0', 'n10', 'n20']);
    expect(page.total).toBe(10);
  });

  it('sorts rows without a value first and breaks ties by key', () => {
    const rows = index();
    rows.upsert({ ws: 'a', name: 'b', state: 'active', seen: 5 });
    rows.upsert({ ws: 'a', name: 'a', state: 'active' });
    rows.upsert({ ws: 'a', name: 'c', state: 'active', seen: 5 });
    expect(rows.query({ sort: 'seen', order: 'asc', offset: 0, limit: 5 }).items.map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });
});
