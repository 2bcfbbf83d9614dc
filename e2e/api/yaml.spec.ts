import { expect, test, type APIRequestContext } from '@playwright/test';
import { parse, stringify } from 'yaml';

import { createObject, createWorkspace, expectError, getObject, unique } from '../support/kube';

/** `GET/PUT …/{kind}/{name}/yaml`: an object as YAML, and edited YAML back. */
test.describe('object YAML', () => {
  let ws: string;

  test.beforeAll(async ({ request }) => {
    ws = await createWorkspace(request, 'e2e-yaml-api');
  });

  async function seed(): Promise<string> {
    const name = unique('yaml');
    await createObject('gitrepos', ws, { name }, { repo: 'https://127.0.0.1:9/x.git', pollingInterval: '15s' });
    return name;
  }

  const url = (name: string) => `/api/v1/workspaces/${ws}/gitrepos/${name}/yaml`;

  async function currentYaml(request: APIRequestContext, name: string): Promise<string> {
    let text = '';
    await expect(async () => {
      const res = await request.get(url(name));
      expect(res.status()).toBe(200);
      text = await res.text();
    }).toPass();
    return text;
  }

  test('GET answers YAML without managedFields; clean and download variants', async ({ request }) => {
    const name = await seed();
    const text = await currentYaml(request, name);
    const object = parse(text);
    expect(object).toMatchObject({ apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'GitRepo', metadata: { name, namespace: ws } });
    expect(object.metadata.managedFields).toBeUndefined();
    expect(object.metadata.resourceVersion).toEqual(expect.any(String));

    const clean = await request.get(`${url(name)}?clean=true&download=true`);
    expect(clean.headers()['content-type']).toContain('application/yaml');
    expect(clean.headers()['content-disposition']).toBe(`attachment; filename="${name}.yaml"`);
    const cleaned = parse(await clean.text());
    expect(cleaned.metadata.resourceVersion).toBeUndefined();
    expect(cleaned.status).toBeUndefined();

    await expectError(await request.get(`/api/v1/workspaces/${ws}/gitrepos/${unique('none')}/yaml`), 404, 'not_found');
  });

  test('PUT replaces the object; refusals name the field and its line, and nothing is written', async ({ request }) => {
    const name = await seed();
    const text = await currentYaml(request, name);
    const before = await getObject('gitrepos', ws, name);

    const invalid = await expectError(await request.put(url(name), { data: { yaml: text.replace('pollingInterval: 15s', 'pollingInterval: 1d') } }), 422, 'invalid', 'spec.pollingInterval');
    const lines = text.split('\n');
    expect((invalid as any).line).toBe(lines.findIndex((line) => line.includes('pollingInterval')) + 1);

    const broken = await expectError(await request.put(url(name), { data: { yaml: 'kind: GitRepo\nspec:\n  repo: a: b\n' } }), 400, 'bad_request', 'yaml');
    expect((broken as any).line).toBe(3);

    await expectError(await request.put(url(name), { data: { yaml: text.replace(`name: ${name}`, 'name: renamed') } }), 422, 'invalid', 'metadata.name');
    expect((await getObject('gitrepos', ws, name)).metadata.generation).toBe(before.metadata.generation);

    const res = await request.put(url(name), { data: { yaml: text.replace('pollingInterval: 15s', 'pollingInterval: 2m') } });
    expect(res.status(), await res.text()).toBe(200);
    const written = await res.json();
    expect(written.object.spec.pollingInterval).toBe('2m');
    expect((await getObject('gitrepos', ws, name)).spec.pollingInterval).toBe('2m');

    // The same text again is based on a version that is gone: 409.
    await expectError(await request.put(url(name), { data: { yaml: text.replace('pollingInterval: 15s', 'pollingInterval: 3m') } }), 409, 'conflict', 'metadata.resourceVersion');
    expect((await getObject('gitrepos', ws, name)).spec.pollingInterval).toBe('2m');
  });

  test('PUT refuses what is not JSON and cross-site callers', async ({ request }) => {
    const name = await seed();
    const text = await currentYaml(request, name);
    await expectError(await request.put(url(name), { data: stringify({ yaml: text }), headers: { 'Content-Type': 'application/yaml' } }), 415, 'unsupported_media_type');
    await expectError(await request.put(url(name), { data: { yaml: text }, headers: { 'Sec-Fetch-Site': 'cross-site' } }), 403, 'forbidden');
    await expectError(await request.put(url(name), { data: {} }), 422, 'invalid', 'yaml');
  });
});
