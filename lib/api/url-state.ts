import { listQuerySchema, type ListQuery } from './schemas';

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function toRecord(params: SearchParamsLike): Record<string, string> {
  if (params instanceof URLSearchParams) return Object.fromEntries(params);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

/**
 * A table's state from its URL — the same parser on the server (first render) and in the
 * browser, so a shared link shows the same page. Bad values fall back to defaults one by one
 * rather than failing the page.
 */
export function parseListQuery(params: SearchParamsLike): ListQuery {
  const raw = toRecord(params);
  const parsed = listQuerySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const single = listQuerySchema.safeParse({ [key]: value });
    if (single.success) cleaned[key] = value;
  }
  return listQuerySchema.parse(cleaned);
}

const DEFAULTS = listQuerySchema.parse({});

/** The URL query for a table state, leaving out defaults so links stay short. */
export function serializeListQuery(query: Partial<ListQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || value === DEFAULTS[key as keyof ListQuery]) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The BFF path of a list page. */
export function listPath(kind: string, ws: string, query: Partial<ListQuery>): string {
  return `/api/v1/workspaces/${encodeURIComponent(ws)}/${kind}${serializeListQuery(query)}`;
}
