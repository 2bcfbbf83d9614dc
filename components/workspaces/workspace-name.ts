import { validateDns1123Label } from '@/lib/k8s/names';

/**
 * Why `name` cannot be a new workspace's name, in plain words, or undefined when it can. The
 * rules are a DNS-1123 label's (the workspace is a namespace), checked as the user types; the
 * BFF checks the same rules again.
 */
export function workspaceNameProblem(name: string, existing: readonly string[] = []): string | undefined {
  if (name === '') return 'Enter a name.';
  if (name.length > 63) return `Use at most 63 characters (this name has ${name.length}).`;
  if (/[A-Z]/.test(name)) return 'Use lowercase letters only.';
  const bad = [...new Set(name.replace(/[a-z0-9-]/g, ''))];
  if (bad.length > 0) return `Only lowercase letters, digits and “-” are allowed, not ${bad.map((c) => (c === ' ' ? 'spaces' : `“${c}”`)).join(', ')}.`;
  if (!/^[a-z0-9]/.test(name)) return 'Start with a lowercase letter or a digit.';
  if (!/[a-z0-9]$/.test(name)) return 'End with a lowercase letter or a digit.';
  const problem = validateDns1123Label(name)[0];
  if (problem) return `Not a valid name: ${problem}.`;
  if (existing.includes(name)) return `A workspace named “${name}” already exists.`;
  return undefined;
}

/** Workspaces Fleet needs; the BFF refuses to delete them (and says why). */
export const BUILT_IN_WORKSPACES: Record<string, string> = {
  'fleet-local': 'Local',
  'fleet-default': 'Default',
};
