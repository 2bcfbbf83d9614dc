import { describe, expect, it } from 'vitest';

import { createClusterGroupBodySchema, updateClusterGroupBodySchema, type KubeObjectDto } from '@/lib/api/schemas';

import { baseOf, createBody, emptyForm, fieldOf, formFromObject, labelRow, nameProblem, onlyStatusChanged, placeMessage, updateBody, validateForm, type ClusterGroupForm } from './form-state';

const stored: KubeObjectDto = {
  apiVersion: 'fleet.cattle.io/v1alpha1',
  kind: 'ClusterGroup',
  metadata: {
    name: 'prod',
    namespace: 'fleet-default',
    resourceVersion: '41',
    generation: 3,
    labels: { team: 'a', 'fleet.cattle.io/managed': 'true' },
    annotations: { 'field.cattle.io/description': 'Production', 'example.com/keep': 'yes' },
  },
  spec: { selector: { matchLabels: { env: 'prod' } }, futureField: 1 },
  status: { clusterCount: 2 },
};

const form = (patch: Partial<ClusterGroupForm>): ClusterGroupForm => ({ ...emptyForm(), ...patch });

describe('create body', () => {
  it('is what the BFF schema accepts, with the description as the Rancher annotation', () => {
    const body = createBody(form({ name: ' prod ', description: ' Production ', labels: [labelRow('team', 'a'), labelRow('', '')], selector: { matchLabels: { env: 'prod' } } }));
    expect(body).toEqual({
      metadata: { name: 'prod', labels: { team: 'a' }, annotations: { 'field.cattle.io/description': 'Production' } },
      spec: { selector: { matchLabels: { env: 'prod' } } },
    });
    expect(createClusterGroupBodySchema.safeParse(body).success).toBe(true);
  });

  it('sends {} for an empty selector (every cluster) and no selector for "no clusters"', () => {
    expect(createBody(form({ name: 'all' })).spec).toEqual({ selector: {} });
    expect(createBody(form({ name: 'none', mode: 'none', selector: { matchLabels: { a: 'b' } } })).spec).toEqual({});
  });
});

describe('edit', () => {
  it('starts from the stored group, hiding the labels Fleet and Rancher own', () => {
    const loaded = formFromObject(stored);
    expect(loaded).toMatchObject({ name: 'prod', description: 'Production', mode: 'selector', selector: { matchLabels: { env: 'prod' } } });
    expect(loaded.labels.map(({ key, value }) => [key, value])).toEqual([['team', 'a']]);
    expect(formFromObject({ ...stored, spec: {} }).mode).toBe('none');
  });

  it('keeps reserved labels and other annotations, and removes the description when cleared', () => {
    const loaded = formFromObject(stored);
    const body = updateBody({ ...loaded, description: '', labels: [...loaded.labels, labelRow('tier', 'gold')] }, baseOf(stored));
    expect(body.metadata).toEqual({
      resourceVersion: '41',
      labels: { team: 'a', tier: 'gold', 'fleet.cattle.io/managed': 'true' },
      annotations: { 'example.com/keep': 'yes' },
    });
    expect(updateClusterGroupBodySchema.safeParse(body).success).toBe(true);
  });

  it('removes the selector with null when "no clusters" is chosen', () => {
    expect(updateBody({ ...formFromObject(stored), mode: 'none' }, baseOf(stored)).spec).toEqual({ selector: null });
  });

  it('tells a status-only change from someone else’s edit', () => {
    const base = baseOf(stored);
    const statusMoved = { ...stored, metadata: { ...stored.metadata, resourceVersion: '42' }, status: { clusterCount: 3 } };
    expect(onlyStatusChanged(base, statusMoved)).toBe(true);
    expect(onlyStatusChanged(base, { ...statusMoved, metadata: { ...statusMoved.metadata, generation: 4 } })).toBe(false);
    expect(onlyStatusChanged(base, { ...statusMoved, metadata: { ...statusMoved.metadata, labels: { team: 'b' } } })).toBe(false);
    expect(onlyStatusChanged(base, { ...statusMoved, metadata: { ...statusMoved.metadata, annotations: {} } })).toBe(false);
  });
});

describe('validation at the fields', () => {
  it('names the field and the reason, in the BFF schema’s words', () => {
    const errors = validateForm(
      form({ name: 'Bad_Name', labels: [labelRow('bad key', 'x')], selector: { matchExpressions: [{ key: 'region', operator: 'In', values: [] }] } }),
    );
    expect(errors.name).toMatch(/^A lowercase RFC 1123 subdomain must consist of/);
    expect(errors.labels).toMatch(/^Name part must consist of alphanumeric characters/);
    expect(errors.selector).toBe("The selector is not valid: matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
  });

  it('asks for a name, and checks its length', () => {
    expect(validateForm(form({ name: '' })).name).toBe('A name is required');
    expect(validateForm(form({ name: 'a'.repeat(64) })).name).toBe('Too long: may not be more than 63 bytes');
    expect(nameProblem('')).toBeUndefined();
    expect(nameProblem('ok-name')).toBeUndefined();
    expect(nameProblem('-x')).toMatch(/RFC 1123/);
  });

  it('accepts a valid form', () => {
    expect(validateForm(form({ name: 'prod', selector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'gpu', operator: 'Exists' }] } }))).toEqual({});
    expect(validateForm(formFromObject(stored), baseOf(stored))).toEqual({});
  });

  it('places BFF errors at the field they name', () => {
    expect(fieldOf('metadata.name')).toBe('name');
    expect(fieldOf('metadata.labels[team]')).toBe('labels');
    expect(fieldOf('metadata.annotations')).toBe('description');
    expect(fieldOf('spec.selector.matchExpressions[0].key')).toBe('selector');
    expect(fieldOf('metadata.resourceVersion')).toBe('form');
    expect(placeMessage('spec.selector.matchLabels', 'spec.selector.matchLabels: Invalid value: "a b": bad')).toEqual({ field: 'selector', message: 'matchLabels: Invalid value: "a b": bad' });
  });
});
