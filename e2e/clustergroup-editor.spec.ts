import { execFileSync } from 'node:child_process';

import { expect, test, type APIRequestContext } from '@playwright/test';

import { createObject, createWorkspace, eventually, getObject, kubeconfigPath, listObjects, unique } from './support/kube';
import { ClusterGroupEditorPage } from './support/pages/clustergroup-editor.page';
import { DetailPage } from './support/pages/detail.page';
import { ListPage } from './support/pages/list.page';
import { seedCluster, seedHealthyGitRepo } from './support/seed';
import { kubectlPath } from '../test/support/kubectl';

/**
 * The Cluster Group editor: create with a label selector while the BFF previews the members,
 * refuse bad input at the field, edit, and delete with the Git repos that target the group.
 */

const ENVS = ['prod', 'staging', 'dev'] as const;
const REGIONS = ['eu', 'us', 'ap'] as const;
const CLUSTERS = 20;

/** What `kubectl get clusters -n <ws> -l <selector> -o name | wc -l` says. */
function kubectlCount(ws: string, selector: string): number {
  const out = execFileSync('kubectl', ['--kubeconfig', kubeconfigPath(), 'get', 'clusters.fleet.cattle.io', '-n', ws, '-l', selector, '-o', 'name'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.trim() !== '').length;
}

/** 20 clusters with env × region labels, every third one with a `gpu` label. */
async function seedClusters(request: APIRequestContext, ws: string): Promise<void> {
  for (let index = 0; index < CLUSTERS; index++) {
    const labels: Record<string, string> = { env: ENVS[index % ENVS.length]!, region: REGIONS[Math.floor(index / 3) % REGIONS.length]! };
    if (index % 3 === 0) labels.gpu = 'true';
    await seedCluster(ws, `c-${String(index).padStart(2, '0')}`, labels);
  }
  await eventually(request, `/api/v1/workspaces/${ws}/clusters?pageSize=1`, (body: any) => body.total === CLUSTERS);
}

async function groupNames(ws: string): Promise<string[]> {
  return (await listObjects('clustergroups', ws)).map((group) => group.metadata.name);
}

test.describe('cluster group editor', () => {
  let ws: string;

  test.beforeEach(async ({ request }) => {
    ws = await createWorkspace(request, 'e2e-cge');
    await seedClusters(request, ws);
  });

  test('create with matchLabels and an expression: the preview count equals kubectl', async ({ page }) => {
    test.skip(!kubectlPath, 'kubectl is not installed: the preview count is checked against `kubectl get clusters -l`');
    const list = new ListPage(page, 'clustergroups');
    await list.goto(ws);
    await page.getByRole('link', { name: 'Create cluster group' }).first().click();
    const editor = new ClusterGroupEditorPage(page);
    await expect(editor.heading).toHaveText('Create cluster group');
    // An empty selector selects every cluster of the workspace.
    await editor.expectMatches(CLUSTERS, CLUSTERS);
    await editor.expectAccessible();

    const name = unique('eu-us-prod');
    await editor.name.fill(name);
    await editor.description.fill('Production in the EU and the US');
    await editor.addLabelRule('env', 'prod');
    await editor.addExpression('region', 'In', ['eu', 'us']);
    const expected = kubectlCount(ws, 'env=prod,region in (eu,us)');
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(CLUSTERS);
    await editor.expectMatches(expected, CLUSTERS);
    await expect(editor.previewNames).toHaveCount(Math.min(expected, 10));
    await editor.expectAccessible();

    await editor.submit.click();
    await expect(page).toHaveURL(new RegExp(`/w/${ws}/clustergroups/${name}$`));
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const stored = await getObject('clustergroups', ws, name);
    expect(stored.spec.selector).toEqual({ matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'region', operator: 'In', values: ['eu', 'us'] }] });
    expect(stored.metadata.annotations['field.cattle.io/description']).toBe('Production in the EU and the US');
  });

  test('an invalid selector shows messages at the rows and creates nothing', async ({ page }) => {
    const editor = new ClusterGroupEditorPage(page);
    await editor.gotoNew(ws);
    await editor.name.fill(unique('bad'));
    await editor.addLabelRule('bad key', 'prod');
    await editor.addExpression('region', 'In', []);
    await expect(editor.rowErrors.first()).toContainText('Name part must consist of alphanumeric characters');
    // The BFF refuses to preview it too, and says why.
    await expect(editor.previewError).toContainText('bad key');

    await editor.submit.click();
    await expect(editor.selectorError).toContainText('The selector is not valid');
    await expect(editor.rowErrors).toHaveText(['Name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character', 'Give at least one value: "in" compares the label with a list']);
    await editor.expectAccessible();
    await expect(page).toHaveURL(/\/clustergroups\/new$/);
    expect(await groupNames(ws)).toEqual([]);
  });

  test('a bad name is refused as you type, and a taken name at the name field on submit', async ({ page, request }) => {
    const taken = unique('taken');
    await createObject('clustergroups', ws, { name: taken }, { selector: {} });
    await eventually(request, `/api/v1/workspaces/${ws}/clustergroups/${taken}`, (_body, status) => status === 200);

    const editor = new ClusterGroupEditorPage(page);
    await editor.gotoNew(ws);
    await editor.name.fill('Not_Valid');
    await expect(editor.nameError).toContainText('lowercase RFC 1123 subdomain');
    await editor.name.fill(taken);
    await expect(editor.nameError).toBeHidden();
    await editor.submit.click();
    await expect(editor.nameError).toHaveText(`A cluster group named "${taken}" already exists in ${ws}. Choose another name.`);
    expect(await groupNames(ws)).toEqual([taken]);
  });

  test('edit the selector: the preview follows, and the save lands on the group', async ({ page, request }) => {
    test.skip(!kubectlPath, 'kubectl is not installed: the preview count is checked against `kubectl get clusters -l`');
    const name = unique('edit');
    await createObject('clustergroups', ws, { name, annotations: { 'field.cattle.io/description': 'Before' } }, { selector: { matchLabels: { env: 'prod' } } });
    await eventually(request, `/api/v1/workspaces/${ws}/clustergroups?q=${name}`, (body: any) => body.total === 1);

    const list = new ListPage(page, 'clustergroups');
    await list.goto(ws);
    await list.rowAction(name, 'Edit');
    const editor = new ClusterGroupEditorPage(page);
    await expect(editor.heading).toHaveText(`Edit cluster group ${name}`);
    await editor.expectMatches(kubectlCount(ws, 'env=prod'), CLUSTERS);
    await expect(editor.description).toHaveValue('Before');
    await editor.expectAccessible();

    await editor.labelValue(1).fill('dev');
    await editor.addExpression('gpu', 'Exists');
    const expected = kubectlCount(ws, 'env=dev,gpu');
    expect(expected).not.toBe(kubectlCount(ws, 'env=prod'));
    await editor.expectMatches(expected, CLUSTERS);

    await editor.submit.click();
    await expect(page).toHaveURL(new RegExp(`/w/${ws}/clustergroups/${name}$`));
    const stored = await getObject('clustergroups', ws, name);
    expect(stored.spec.selector).toEqual({ matchLabels: { env: 'dev' }, matchExpressions: [{ key: 'gpu', operator: 'Exists' }] });
    expect(stored.metadata.annotations['field.cattle.io/description']).toBe('Before');
  });

  test('delete lists the Git repos that target the group, then removes it', async ({ page, request }) => {
    const name = unique('doomed');
    const repo = unique('repo');
    await createObject('clustergroups', ws, { name }, { selector: { matchLabels: { env: 'staging' } } });
    await seedHealthyGitRepo(ws, repo, [{ clusterGroup: name }]);
    await eventually(request, `/api/v1/workspaces/${ws}/clustergroups/${name}`, (body: any) => body.relations?.gitRepos?.total === 1);

    const detail = new DetailPage(page);
    await detail.goto(ws, 'clustergroups', name);
    await expect(page.getByRole('link', { name: 'Edit', exact: true })).toHaveAttribute('href', `/w/${ws}/clustergroups/${name}/edit`);
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await expect(dialog.getByTestId('delete-impact')).toContainText(repo);
    await expect(dialog.getByRole('link', { name: repo })).toBeVisible();
    await detail.expectAccessible();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/w/${ws}/clustergroups$`));
    await expect.poll(() => groupNames(ws)).toEqual([]);
  });
});
