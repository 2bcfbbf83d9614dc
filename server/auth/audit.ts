import 'server-only';

/**
 * The audit log: one JSON line on stdout per request that changes something (and per sign-in
 * and sign-out), saying who, what and how it ended. Never a request body, never a token, never
 * Secret data: only names from the path and the object's name.
 */
export interface AuditRecord {
  user: string;
  method: string;
  route: string;
  workspace?: string;
  kind?: string;
  name?: string;
  action?: string;
  dryRun?: boolean;
  status: number;
  /** The error code when it failed. */
  error?: string;
}

export function writeAudit(record: AuditRecord, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): void {
  write(JSON.stringify({ audit: true, time: new Date().toISOString(), ...record }));
}

const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 253;

/**
 * What a request acts on, from its validated path parameters, and for creates the new object's
 * name from the body (only the name is read: `name`, `metadata.name` or `gitRepo.metadata.name`).
 */
export function auditTarget(routeName: string, params: unknown, body: unknown): Pick<AuditRecord, 'workspace' | 'kind' | 'name' | 'action'> {
  const p = (params ?? {}) as Record<string, unknown>;
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const metadataName = (value: unknown) => (typeof value === 'object' && value !== null ? (value as { metadata?: { name?: unknown } }).metadata?.name : undefined);
  const createdName = [b.name, metadataName(b), metadataName(b.gitRepo)].find(isName);
  const workspaceRoute = /\/api\/v1\/workspaces(\/\{ws\})?$/.test(routeName.split(' ')[1] ?? '');
  const name = isName(p.name) ? p.name : workspaceRoute && isName(p.ws) ? p.ws : createdName;
  return {
    ...(isName(p.ws) && !workspaceRoute ? { workspace: p.ws } : {}),
    kind: isName(p.kind) ? p.kind : workspaceRoute ? 'workspaces' : routeName.match(/\/api\/v1\/workspaces\/\{ws\}\/([a-z-]+)/)?.[1],
    ...(name ? { name } : {}),
    ...(isName(p.action) ? { action: p.action } : {}),
  };
}
