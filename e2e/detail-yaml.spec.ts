import { readFile } from 'node:fs/promises';

import { expect, test } from '@playwright/test';
import { parse } from 'yaml';

import { seedDetailFixture, type DetailFixture } from './support/detail-seed';
import { createObject, createWorkspace, getObject, kube, FLEET, unique } from './support/kube';
import { DetailPage } from './support/pages/detail.page';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

const MERGE_PATCH = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** A GitRepo of its own for a test that changes it. */
async function seedEditable(ws: string): Promise<string> {
  const name = unique('edit');
  await createObject('gitrepos', ws, { name }, { repo: 'https://127.0.0.1:9/rancher/fleet-examples', branch: 'main', pollingInterval: '15s' });
  return name;
}

test.describe('YAML of detail pages', () => {
  let f: DetailFixture;

  test.beforeAll(async ({ request }) => {
    f = await seedDetailFixture(await createWorkspace(request, 'e2e-yaml'));
  });

  test('every kind shows its YAML, read-only and highlighted', async ({ page }) => {
    const detail = new DetailPage(page);
    const objects = [
      ['gitrepos', f.repo, 'GitRepo'],
      ['clusters', f.clusters.prod, 'Cluster'],
      ['clustergroups', f.group, 'ClusterGroup'],
      ['bundles', f.bundles.frontend, 'Bundle'],
    ] as const;
    for (const [kind, name, kindName] of objects) {
      await detail.goto(f.ws, kind, name, { tab: 'yaml', a11y: kind === 'gitrepos' });
      await expect(detail.line(`kind: ${kindName}`)).toBeVisible();
      await expect(detail.line(`name: ${name}`).first()).toBeVisible();
      await expect(detail.editor).toHaveAttribute('data-readonly', 'true');
      await expect(detail.editorContent).toHaveAttribute('aria-readonly', 'true');
      await expect(detail.editorContent).not.toContainText('managedFields');
      // YAML keys are highlighted (a styled span, not plain text).
      await expect(detail.line('apiVersion:').locator('span').first()).toBeVisible();
    }
  });

  test('downloads the YAML as <name>.yaml, with or without server fields', async ({ page }) => {
    const detail = new DetailPage(page);
    await detail.goto(f.ws, 'gitrepos', f.repo, { tab: 'yaml', a11y: false });

    const full = await detail.download();
    expect(full.suggestedFilename()).toBe(`${f.repo}.yaml`);
    const object = parse(await readFile((await full.path())!, 'utf8'));
    expect(object).toMatchObject({ apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'GitRepo', metadata: { name: f.repo, namespace: f.ws } });
    expect(object.metadata.managedFields).toBeUndefined();
    expect(object.metadata.resourceVersion).toEqual(expect.any(String));
    expect(object.status.commit).toBeTruthy();

    await detail.yamlPanel.getByLabel('Download without status and server fields').check();
    const clean = parse(await readFile((await (await detail.download()).path())!, 'utf8'));
    expect(clean.metadata).not.toHaveProperty('resourceVersion');
    expect(clean.metadata).not.toHaveProperty('uid');
    expect(clean).not.toHaveProperty('status');
    expect(clean.spec.repo).toBe('https://127.0.0.1:9/rancher/fleet-examples');
  });

  test('an invalid duration is shown at its line and nothing is saved; a valid edit saves and the page updates', async ({ page }) => {
    const name = await seedEditable(f.ws);
    const before = await getObject('gitrepos', f.ws, name);
    const detail = new DetailPage(page);
    await detail.goto(f.ws, 'gitrepos', name, { tab: 'yaml', a11y: false });

    await detail.startEditing();
    await detail.replaceAtLineEnd('pollingInterval: 15s', 3, '1d');
    await expect(detail.line('pollingInterval: 1d')).toBeVisible();
    await detail.save();

    const lineNumber = await detail.lineNumberOf('pollingInterval: 1d');
    await expect(detail.yamlError).toContainText('spec.pollingInterval');
    await expect(detail.yamlError).toContainText(`line ${lineNumber}`);
    // The editor marks exactly that line, with a diagnostic on the field.
    await expect(detail.errorLines).toHaveCount(1);
    await expect(detail.errorLines).toContainText('pollingInterval: 1d');
    await expect(detail.errorLines.locator('.cm-lintRange-error')).toHaveCount(1);
    await detail.expectAccessible();

    // Nothing reached the cluster.
    const unchanged = await getObject('gitrepos', f.ws, name);
    expect(unchanged.spec.pollingInterval).toBe('15s');
    // Fleet's controllers (when they run) write status, which bumps resourceVersion; the spec's generation tells.
    expect(unchanged.metadata.generation).toBe(before.metadata.generation);

    // Fixing the value clears the marker; saving writes it and the page follows.
    await detail.replaceAtLineEnd('pollingInterval: 1d', 2, '2m');
    await expect(detail.errorLines).toHaveCount(0);
    await detail.save();
    await expect(detail.yamlSaved).toBeVisible();
    await expect(detail.editor).toHaveAttribute('data-readonly', 'true');
    await expect(detail.line('pollingInterval: 2m')).toBeVisible();
    expect((await getObject('gitrepos', f.ws, name)).spec.pollingInterval).toBe('2m');

    await detail.tab('Overview').click();
    await expect(detail.card('source').getByTestId('polling')).toContainText('2m');
  });

  test('a YAML syntax error is pointed out while typing and refused by the server with its line', async ({ page }) => {
    const name = await seedEditable(f.ws);
    const detail = new DetailPage(page);
    await detail.goto(f.ws, 'gitrepos', name, { tab: 'yaml', a11y: false });
    await detail.startEditing();
    await detail.replaceAtLineEnd('branch: main', 0, ': nested');
    await expect(detail.errorLines.first()).toBeVisible();
    await detail.save();
    await expect(detail.yamlError).toContainText('not valid at line');
    expect((await getObject('gitrepos', f.ws, name)).spec.branch).toBe('main');
  });

  test('an edit of an object that changed meanwhile is refused instead of overwriting the change', async ({ page }) => {
    const name = await seedEditable(f.ws);
    const detail = new DetailPage(page);
    await detail.goto(f.ws, 'gitrepos', name, { tab: 'yaml', a11y: false });
    await detail.waitForLive();
    await detail.startEditing();
    await detail.replaceAtLineEnd('pollingInterval: 15s', 3, '30s');

    await kube.custom().patchNamespacedCustomObject({ ...FLEET, plural: 'gitrepos', namespace: f.ws, name, body: { spec: { branch: 'release' } } }, MERGE_PATCH);
    await expect(page.getByTestId('yaml-changed')).toBeVisible();
    // The draft stays as typed.
    await expect(detail.line('pollingInterval: 30s')).toBeVisible();
    await detail.save();
    await expect(detail.yamlError).toContainText('changed since you loaded it');
    const stored = await getObject('gitrepos', f.ws, name);
    expect(stored.spec).toMatchObject({ branch: 'release', pollingInterval: '15s' });
  });
});
