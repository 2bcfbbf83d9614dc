/**
 * The page URL scheme, in one place (pages, shell, command palette and tests agree on it):
 *
 *   /w/{ws}                      dashboard of a workspace, or of every workspace when ws = `_all`
 *   /w/{ws}/{section}            gitrepos | clusters | clustergroups | bundles | workspaces
 *   /w/{ws}/{kind}/{name}        an object's detail page (always in its own workspace)
 *   /w/{ws}/workspaces/{name}    a workspace's page
 *   /w/{ws}/gitrepos/new         the Git Repo wizard (`?clone={name}` prefills a copy; …/gitrepos/{name}/edit edits one)
 *   /w/{ws}/clustergroups/new    the Cluster Group editor (…/clustergroups/{name}/edit edits one)
 *
 * List pages take their table state in the query string (see lib/api/url-state.ts).
 */
import { ALL_WORKSPACES, LIST_KINDS, type ListKind, type ListQuery } from './api/schemas';
import { serializeListQuery } from './api/url-state';

export const DEFAULT_WORKSPACE = 'fleet-local';

export const SECTIONS = ['gitrepos', 'clusters', 'clustergroups', 'bundles', 'workspaces'] as const;
export type Section = (typeof SECTIONS)[number];

/** Side-navigation names, exactly as the menu shows them. */
export const SECTION_LABELS: Record<Section | 'dashboard', string> = {
  dashboard: 'Dashboard',
  gitrepos: 'Git Repos',
  clusters: 'Clusters',
  clustergroups: 'Cluster Groups',
  bundles: 'Bundles',
  workspaces: 'Workspaces',
};

/** One object of a kind, for sentences: "Git Repo", "Cluster Group". */
export const KIND_SINGULAR: Record<ListKind, string> = {
  gitrepos: 'Git Repo',
  clusters: 'Cluster',
  clustergroups: 'Cluster Group',
  bundles: 'Bundle',
};

const enc = encodeURIComponent;

export function workspaceLabel(ws: string): string {
  return ws === ALL_WORKSPACES ? 'All workspaces' : ws;
}

export function dashboardHref(ws: string): string {
  return `/w/${enc(ws)}`;
}

/** A section's page, with an optional table state (`{ state: 'error' }` → `?state=error`). */
export function sectionHref(ws: string, section: Section, query?: Partial<ListQuery>): string {
  return `/w/${enc(ws)}/${section}${query ? serializeListQuery(query) : ''}`;
}

/** An object's detail page, in the object's own workspace. */
export function objectHref(workspace: string, kind: ListKind, name: string): string {
  return `/w/${enc(workspace)}/${kind}/${enc(name)}`;
}

export function workspaceHref(ws: string, name: string): string {
  return `/w/${enc(ws)}/workspaces/${enc(name)}`;
}

export function newGitRepoHref(ws: string): string {
  return `/w/${enc(ws)}/gitrepos/new`;
}

/** The Git Repo wizard on an existing repo. */
export function editGitRepoHref(ws: string, name: string): string {
  return `/w/${enc(ws)}/gitrepos/${enc(name)}/edit`;
}

/** The Git Repo wizard prefilled with a copy of `name`. */
export function cloneGitRepoHref(ws: string, name: string): string {
  return `/w/${enc(ws)}/gitrepos/new?clone=${enc(name)}`;
}

/** The Cluster Group editor, creating a group in `ws`. */
export function newClusterGroupHref(ws: string): string {
  return `/w/${enc(ws)}/clustergroups/new`;
}

/** The Cluster Group editor for an existing group. */
export function editClusterGroupHref(ws: string, name: string): string {
  return `/w/${enc(ws)}/clustergroups/${enc(name)}/edit`;
}

export interface ParsedPath {
  ws?: string;
  section?: Section;
  /** An object name (or `new`) under the section. */
  name?: string;
  rest: string[];
}

/** `/w/a/clusters/x` → `{ ws: 'a', section: 'clusters', name: 'x' }`. */
export function parsePath(pathname: string): ParsedPath {
  const parts = pathname.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
  if (parts[0] !== 'w' || !parts[1]) return { rest: [] };
  const section = SECTIONS.find((s) => s === parts[2]);
  return { ws: parts[1], section, name: section ? parts[3] : undefined, rest: parts.slice(section ? 4 : 2) };
}

/**
 * Where to go when the workspace changes: the same section in the new workspace. An object's
 * page becomes its list (the object lives in the old workspace); a list keeps its search and
 * filters but starts again at page 1.
 */
export function switchWorkspaceHref(pathname: string, search: string, next: string): string {
  const { section, name } = parsePath(pathname);
  if (!section) return dashboardHref(next);
  if (name) return sectionHref(next, section);
  const params = new URLSearchParams(search);
  params.delete('page');
  const query = params.toString();
  return `${sectionHref(next, section)}${query ? `?${query}` : ''}`;
}

export function isListKind(value: string | undefined): value is ListKind {
  return (LIST_KINDS as readonly string[]).includes(value ?? '');
}
