import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { RowIndex } = await import('./row-index');

interface Row {
  ws: string;
  name: string;
  state: string;
  seen?: number;
  note?: string;
}

function index() {
  return new RowIndex<Row>({
    key: (r) => `${r.ws}/${r.name}`,
    workspace: (r) => r.ws,
    group: (r) => r.state,
    sortFields: { name: (r) => r.name, seen: (r) => r.seen },
    searchText: (r) => `${r.name} ${r.note ?? ''}`.toLowerCase(),
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

  it('pages one group from its own sorted list, kept right as rows change group, value, workspace or go', () => {
    const rows = index();
    rows.upsert({ ws: 'a', name: 'x', state: 'error', seen: 3 });
    rows.upsert({ ws: 'a', name: 'y', state: 'active', seen: 1 });
    rows.upsert({ ws: 'a', name: 'z', state: 'error', seen: 2 });
    const errors = (workspace?: string) => rows.query({ workspace, group: 'error', sort: 'seen', order: 'asc', offset: 0, limit: 10 });
    // Built here; every change below must reach it.
    expect(errors('a').items.map((r) => r.name)).toEqual(['z', 'x']);
    expect(errors().items.map((r) => r.name)).toEqual(['z', 'x']);
    rows.upsert({ ws: 'a', name: 'y', state: 'error', seen: 1 }); // joins the group
    rows.upsert({ ws: 'a', name: 'x', state: 'error', seen: 0 }); // moves within it
    rows.upsert({ ws: 'a', name: 'n', state: 'error', seen: 5 }); // new row
    expect(errors('a').items.map((r) => r.name)).toEqual(['x', 'y', 'z', 'n']);
    expect(errors('a').total).toBe(4);
    rows.upsert({ ws: 'a', name: 'z', state: 'active', seen: 2 }); // leaves the group
    rows.remove('a/n');
    rows.upsert({ ws: 'b', name: 'x', state: 'error', seen: 7 }); // another workspace
    expect(errors('a').items.map((r) => r.name)).toEqual(['x', 'y']);
    expect(errors().items.map((r) => `${r.ws}/${r.name}`)).toEqual(['a/x', 'a/y', 'b/x']);
    expect(rows.query({ workspace: 'a', group: 'active', sort: 'seen', order: 'desc', offset: 0, limit: 10 }).items.map((r) => r.name)).toEqual(['z']);
    expect(errors('a').total).toBe(2);
  });

  it('answers a group query as a filter over every row would, through random changes', () => {
    const rows = index();
    const reference = new Map<string, Row>();
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const states = ['error', 'warning', 'active'];
    const expected = (ws: string | undefined, state: string, order: 'asc' | 'desc') => {
      const matches = [...reference.values()].filter((r) => (ws === undefined || r.ws === ws) && r.state === state);
      matches.sort((a, b) => (a.seen ?? -1) - (b.seen ?? -1) || (`${a.ws}/${a.name}` < `${b.ws}/${b.name}` ? -1 : 1));
      if (order === 'desc') matches.reverse();
      return matches.map((r) => `${r.ws}/${r.name}`);
    };
    for (let step = 0; step < 600; step++) {
      const key = { ws: ['a', 'b'][random(2)]!, name: `c${random(40)}` };
      if (random(5) === 0) {
        rows.remove(`${key.ws}/${key.name}`);
        reference.delete(`${key.ws}/${key.name}`);
      } else {
        const row = { ...key, state: states[random(3)]!, ...(random(6) === 0 ? {} : { seen: random(20) }) };
        rows.upsert(row);
        reference.set(`${key.ws}/${key.name}`, row);
      }
      if (step % 25 !== 0) continue;
      for (const ws of ['a', undefined]) {
        for (const state of states) {
          for (const order of ['asc', 'desc'] as const) {
            const page = rows.query({ workspace: ws, group: state, sort: 'seen', order, offset: 0, limit: 100 });
            expect(page.items.map((r) => `${r.ws}/${r.name}`)).toEqual(expected(ws, state, order));
            expect(page.total).toBe(expected(ws, state, order).length);
          }
        }
      }
    }
  });

  it('searches the current text of each row, also after a change that keeps its place', () => {
    const rows = index();
    rows.upsert({ ws: 'a', name: 'x', state: 'error', seen: 1, note: 'Prod EU' });
    rows.upsert({ ws: 'a', name: 'y', state: 'error', seen: 2, note: 'dev' });
    rows.upsert({ ws: 'a', name: 'z', state: 'active', seen: 3, note: 'prod us' });
    const prod = (group?: string) => rows.query({ workspace: 'a', group, text: 'prod', sort: 'seen', order: 'asc', offset: 0, limit: 1 });
    expect(prod()).toEqual({ items: [expect.objectContaining({ name: 'x' })], total: 2 });
    expect(prod('error').total).toBe(1);
    // Same sort value and group: the row stays where it is, but what it says has changed.
    rows.upsert({ ws: 'a', name: 'x', state: 'error', seen: 1, note: 'staging' });
    rows.upsert({ ws: 'a', name: 'y', state: 'error', seen: 2, note: 'prod too' });
    expect(prod()).toEqual({ items: [expect.objectContaining({ name: 'y', note: 'prod too' })], total: 2 });
    expect(prod('error').items.map((r) => r.name)).toEqual(['y']);
    expect(rows.get('a/y')?.note).toBe('prod too');
    expect(rows.query({ workspace: 'a', text: 'nowhere', sort: 'seen', order: 'asc', offset: 0, limit: 5 })).toEqual({ items: [], total: 0 });
  });

  it('sorts rows without a value first and breaks ties by key', () => {
    const rows = index();
    rows.upsert({ ws: 'a', name: 'b', state: 'active', seen: 5 });
    rows.upsert({ ws: 'a', name: 'a', state: 'active' });
    rows.upsert({ ws: 'a', name: 'c', state: 'active', seen: 5 });
    expect(rows.query({ sort: 'seen', order: 'asc', offset: 0, limit: 5 }).items.map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });
});
