import { describe, expect, it } from 'vitest';

import { emptyGitRepoForm, emptyTargetRow, fromGitRepo, type GitRepoForm } from './form-state';
import { checkRepoUrl } from './repo-url';
import { firstStepWithErrors, formKeyOfField, stepOf, validateForm, validateStep } from './validate';

const valid = (): GitRepoForm => ({ ...emptyGitRepoForm(), name: 'web', repo: 'https://git.example.com/org/web.git' });
const create = { mode: 'create' } as const;

describe('repository URLs', () => {
  it.each(['https://github.com/org/repo', 'http://127.0.0.1:8080/r.git', 'ssh://git@host:2222/org/repo.git', 'git@github.com:org/repo.git', 'git://host/r', 'file:///srv/git/r'])(
    'accepts %s',
    (url) => expect(checkRepoUrl(url)).toBeUndefined(),
  );
  it.each([
    ['', 'Enter the repository URL'],
    ['not a url', 'must not contain spaces'],
    ['github.com/org/repo', 'is not a Git URL'],
    ['ftp://host/r', 'uses ftp://'],
    ['https://host', 'needs the repository path'],
    ['--upload-pack=x', 'must not start with "-"'],
  ])('refuses %j', (url, message) => expect(checkRepoUrl(url)).toContain(message));
});

describe('validateForm', () => {
  it('accepts a minimal form', () => {
    expect(validateForm(valid(), create)).toEqual({});
  });

  it('checks the name with Kubernetes rules', () => {
    expect(validateStep({ ...valid(), name: '' }, 'metadata', create)).toEqual({ name: 'Enter a name' });
    expect(validateStep({ ...valid(), name: 'Bad_Name' }, 'metadata', create).name).toMatch(/lowercase RFC 1123 subdomain/);
    expect(validateStep({ ...valid(), name: 'a'.repeat(64) }, 'metadata', create).name).toBeDefined();
  });

  it('checks label keys with the shared schema', () => {
    const errors = validateStep({ ...valid(), labels: [{ key: 'bad key', value: 'x' }] }, 'metadata', create);
    expect(errors.labels).toMatch(/name part must consist of alphanumeric characters/);
  });

  it('reports an empty path entry at that entry', () => {
    expect(validateStep({ ...valid(), paths: ['a', ' '] }, 'repository', create)).toEqual({ 'paths.1': expect.stringContaining('Enter a path') });
  });

  it('reports a bad URL and missing new-Secret fields on the repository step only', () => {
    const form = { ...valid(), repo: 'ftp://x/y', clientSecret: { ...valid().clientSecret, mode: 'basic-auth' as const, username: 'me' } };
    expect(validateStep(form, 'repository', create)).toEqual({ repo: expect.stringContaining('ftp://'), 'clientSecret.password': 'is required' });
    expect(validateStep(form, 'metadata', create)).toEqual({});
  });

  it('reports invalid selectors and empty rows at their target row', () => {
    const form: GitRepoForm = {
      ...valid(),
      targetMode: 'custom',
      targets: [
        { ...emptyTargetRow('clusterSelector'), selector: { matchLabels: { 'bad key!': 'x' } } },
        emptyTargetRow('clusterGroup'),
        { ...emptyTargetRow('clusterGroupSelector'), selector: { matchExpressions: [{ key: 'env', operator: 'In' }] } },
        { ...emptyTargetRow('yaml'), yaml: '- not a mapping' },
      ],
    };
    const errors = validateStep(form, 'targets', create);
    expect(Object.keys(errors).sort()).toEqual(['targets.0', 'targets.1', 'targets.2', 'targets.3']);
    expect(errors['targets.0']).toContain('clusterSelector.matchLabels');
    expect(errors['targets.1']).toBe('Choose a cluster group');
    expect(errors['targets.2']).toMatch(/values/);
    expect(errors['targets.3']).toContain('must be one target');
  });

  it('checks durations with the CRD rule on the advanced step', () => {
    const errors = validateStep({ ...valid(), pollingInterval: '15 parsecs' }, 'advanced', create);
    expect(errors.pollingInterval).toBeDefined();
    expect(validateStep({ ...valid(), pollingInterval: '1m' }, 'advanced', create)).toEqual({});
    expect(validateStep({ ...valid(), tlsMode: 'ca', caBundle: 'nope' }, 'advanced', create).caBundle).toMatch(/PEM/);
  });

  it('refuses a renamed object on edit', () => {
    const form = fromGitRepo({ metadata: { name: 'web' }, spec: { repo: 'https://x.example/r.git' } });
    expect(validateForm({ ...form, name: 'other' }, { mode: 'edit' }).name).toMatch(/cannot change/);
  });

  it('maps field paths and steps', () => {
    expect(formKeyOfField('spec.targets[2].clusterSelector.matchLabels', { targetMode: 'custom' })).toBe('targets.2');
    expect(formKeyOfField('spec.targets[0]', { targetMode: 'all' })).toBe('targetMode');
    expect(formKeyOfField('metadata.annotations[field.cattle.io/description]', { targetMode: 'all' })).toBe('description');
    expect(formKeyOfField('spec.revision', { targetMode: 'all' })).toBe('ref');
    expect(formKeyOfField('secrets.clientSecret.password', { targetMode: 'all' })).toBe('clientSecret.password');
    expect(stepOf('paths.3')).toBe('repository');
    expect(stepOf('helmSecret.username')).toBe('advanced');
    expect(firstStepWithErrors({ 'targets.1': 'x', caBundle: 'y' })).toBe('targets');
  });

  it('opens the step of the spec field a troubleshooting hint points at', () => {
    const stepOfSpecField = (field: string) => stepOf(formKeyOfField(`spec.${field}`, { targetMode: 'custom' }));
    expect(stepOfSpecField('clientSecretName')).toBe('repository');
    expect(stepOfSpecField('branch')).toBe('repository');
    expect(stepOfSpecField('paths')).toBe('repository');
    expect(stepOfSpecField('targets')).toBe('targets');
    expect(stepOfSpecField('targetNamespace')).toBe('targets');
  });
});
