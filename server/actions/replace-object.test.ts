import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { checkEditedObject, onlyStatusMoved, parseObjectYaml, YamlBffError } = await import('./replace-object');

const TEXT = `apiVersion: fleet.cattle.io/v1alpha1
kind: GitRepo
metadata:
  name: guestbook
  namespace: fleet-local
  resourceVersion: "12"
  managedFields: []
spec:
  repo: https://example.com/x.git
  pollingInterval: 15s
status:
  commit: abc
`;

function refusal(fn: () => unknown): InstanceType<typeof YamlBffError> {
  try {
    fn();
  } catch (error) {
    if (error instanceof YamlBffError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseObjectYaml', () => {
  it('reads one object', () => {
    expect(parseObjectYaml(TEXT)).toMatchObject({ kind: 'GitRepo', metadata: { name: 'guestbook' } });
  });

  it('refuses broken YAML with its line and column (400, field yaml)', () => {
    const error = refusal(() => parseObjectYaml('kind: GitRepo\nspec:\n  repo: x: y\n'));
    expect(error.code).toBe('bad_request');
    expect(error.field).toBe('yaml');
    expect(error.position?.line).toBe(3);
    expect(error.toBody().error).toMatchObject({ code: 'bad_request', field: 'yaml', line: 3 });
  });

  it('refuses several documents and non-objects', () => {
    expect(refusal(() => parseObjectYaml('a: 1\n---\nb: 2\n')).code).toBe('bad_request');
    expect(refusal(() => parseObjectYaml('- 1\n- 2\n')).code).toBe('invalid');
  });
});

describe('checkEditedObject', () => {
  it('returns the object to PUT: without status and managedFields, with the path namespace', () => {
    const object = checkEditedObject('gitrepos', 'fleet-local', 'guestbook', TEXT, parseObjectYaml(TEXT));
    expect(object).toMatchObject({ apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'GitRepo', metadata: { name: 'guestbook', namespace: 'fleet-local', resourceVersion: '12' } });
    expect(object).not.toHaveProperty('status');
    expect(object.metadata).not.toHaveProperty('managedFields');
  });

  it('places an invalid duration at its line (422, spec.pollingInterval)', () => {
    const text = TEXT.replace('pollingInterval: 15s', 'pollingInterval: 1d');
    const error = refusal(() => checkEditedObject('gitrepos', 'fleet-local', 'guestbook', text, parseObjectYaml(text)));
    expect(error.code).toBe('invalid');
    expect(error.field).toBe('spec.pollingInterval');
    expect(error.position).toEqual({ line: 10, column: 3 });
  });

  it('keeps the object the one at this path, with the version it was loaded at', () => {
    const renamed = TEXT.replace('name: guestbook', 'name: other');
    expect(refusal(() => checkEditedObject('gitrepos', 'fleet-local', 'guestbook', renamed, parseObjectYaml(renamed))).field).toBe('metadata.name');
    const moved = TEXT.replace('namespace: fleet-local', 'namespace: fleet-default');
    expect(refusal(() => checkEditedObject('gitrepos', 'fleet-local', 'guestbook', moved, parseObjectYaml(moved))).field).toBe('metadata.namespace');
    const otherKind = TEXT.replace('kind: GitRepo', 'kind: Bundle');
    expect(refusal(() => checkEditedObject('gitrepos', 'fleet-local', 'guestbook', otherKind, parseObjectYaml(otherKind))).field).toBe('kind');
    const unversioned = TEXT.replace('  resourceVersion: "12"\n', '');
    const missing = refusal(() => checkEditedObject('gitrepos', 'fleet-local', 'guestbook', unversioned, parseObjectYaml(unversioned)));
    expect(missing.field).toBe('metadata.resourceVersion');
    expect(missing.position?.line).toBe(3);
  });
});

describe('onlyStatusMoved', () => {
  const edited = { apiVersion: 'v', kind: 'GitRepo', metadata: { name: 'x', resourceVersion: '5', generation: 2, labels: { a: '1', b: '2' }, finalizers: ['f'] } };
  const current = (changes: Record<string, unknown>) => ({ ...edited, metadata: { ...edited.metadata, resourceVersion: '9', labels: { b: '2', a: '1' }, ...changes } });

  it('lets a status-only change pass', () => {
    expect(onlyStatusMoved(edited, current({}))).toBe(true);
  });

  it('stops at a spec change, a metadata change, or an edit without generation', () => {
    expect(onlyStatusMoved(edited, current({ generation: 3 }))).toBe(false);
    expect(onlyStatusMoved(edited, current({ labels: { a: '1' } }))).toBe(false);
    expect(onlyStatusMoved(edited, current({ finalizers: ['f', 'g'] }))).toBe(false);
    expect(onlyStatusMoved({ ...edited, metadata: { ...edited.metadata, generation: undefined } }, current({}))).toBe(false);
  });
});
