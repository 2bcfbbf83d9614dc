import { describe, expect, it } from 'vitest';

import { workspaceNameProblem } from './workspace-name';

describe('workspaceNameProblem', () => {
  it('accepts DNS-1123 labels that are not taken', () => {
    expect(workspaceNameProblem('team-a')).toBeUndefined();
    expect(workspaceNameProblem('1team')).toBeUndefined();
    expect(workspaceNameProblem('a'.repeat(63))).toBeUndefined();
  });
  it('says what is wrong, one thing at a time', () => {
    expect(workspaceNameProblem('')).toBe('Enter a name.');
    expect(workspaceNameProblem('Team')).toBe('Use lowercase letters only.');
    expect(workspaceNameProblem('team_a.b')).toBe('Only lowercase letters, digits and “-” are allowed, not “_”, “.”.');
    expect(workspaceNameProblem('team a')).toBe('Only lowercase letters, digits and “-” are allowed, not spaces.');
    expect(workspaceNameProblem('-team')).toBe('Start with a lowercase letter or a digit.');
    expect(workspaceNameProblem('team-')).toBe('End with a lowercase letter or a digit.');
    expect(workspaceNameProblem('a'.repeat(64))).toBe('Use at most 63 characters (this name has 64).');
    expect(workspaceNameProblem('fleet-local', ['fleet-local'])).toBe('A workspace named “fleet-local” already exists.');
  });
});
