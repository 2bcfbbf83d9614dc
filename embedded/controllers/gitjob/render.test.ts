import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { BundleResource } from '../../../lib/fleet/types';
import { kubectlPath } from '../../../test/support/kubectl';
import { applyOverlays, RenderError, renderBundleObjects } from './render';

function resources(files: Record<string, string>): BundleResource[] {
  return Object.entries(files).map(([name, content]) => ({ name, content }));
}

const summary = (objects: { kind: string; namespace?: string; name: string }[]) => objects.map((o) => `${o.kind} ${o.namespace ?? '-'}/${o.name}`);

describe('renderBundleObjects: raw manifests', () => {
  it('reads multi-document YAML and JSON and resolves namespaces', async () => {
    const spec = {
      defaultNamespace: 'apps',
      resources: resources({
        'fleet.yaml': 'defaultNamespace: apps\n',
        'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: edge\n---\n# just a comment\n',
        'ns.json': JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } }),
        'list.yml': 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: from-list}\n',
        'README.md': '# not yaml',
        'values.yaml': 'replicas: 2\n',
        'sub/fleet.yaml': '{}',
        'sub/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other-bundle}\n',
      }),
    };
    const objects = await renderBundleObjects(spec);
    expect(summary(objects)).toEqual(['Deployment apps/web', 'Service edge/web', 'ConfigMap apps/from-list', 'Namespace -/apps']);
    expect(objects[0]!.object).toMatchObject({ metadata: { name: 'web', namespace: 'apps' } });
    expect(objects[3]!.object.metadata).toEqual({ name: 'apps' });
  });

  it('forces the target namespace and rejects cluster-scoped objects then', async () => {
    const spec = { resources: resources({ 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}\n' }) };
    expect(summary(await renderBundleObjects(spec, { namespace: 'forced', defaultNamespace: 'ignored' }))).toEqual(['ConfigMap forced/a']);
    const withRole = { resources: resources({ 'r.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: admin-ish}\n' }) };
    await expect(renderBundleObjects(withRole, { namespace: 'forced' })).rejects.toThrow(
      'invalid cluster scoped object [name=admin-ish kind=ClusterRole apiVersion=rbac.authorization.k8s.io/v1] found. Your config uses targetNamespace or namespace and thus forbids cluster-scoped resources. If you do not intend to disallow cluster scoped resources, you could switch to defaultNamespace',
    );
  });

  it('treats kinds of cluster-scoped CRDs in the bundle as cluster-scoped', async () => {
    const spec = {
      resources: resources({
        'crd.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  scope: Cluster\n  names: {kind: Widget}\n',
        'w.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
      }),
    };
    expect(summary(await renderBundleObjects(spec))).toEqual(['CustomResourceDefinition -/widgets.example.com', 'Widget -/w']);
  });

  it('applies yaml.overlays: replacements, merge patches and JSON patches', async () => {
    const files = new Map(
      Object.entries({
        'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {type: ClusterIP}\n',
        'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 1}\n',
        'overlays/lb/svc_patch.yaml': 'spec: {type: LoadBalancer}\n',
        'overlays/scale/deploy_patch.yaml': '- {op: replace, path: /spec/replicas, value: 3}\n',
        'overlays/extra/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\n',
      }),
    );
    const result = applyOverlays(files, ['lb', 'scale', 'extra']);
    expect([...result.keys()].sort()).toEqual(['cm.yaml', 'deploy.yaml', 'svc.yaml']);
    const objects = await renderBundleObjects({ resources: resources(Object.fromEntries(files)) }, { yaml: { overlays: ['lb', 'scale'] } });
    expect(objects.map((o) => o.object.spec)).toEqual([{ replicas: 3 }, { type: 'LoadBalancer' }]);
    await expect(renderBundleObjects({ resources: resources({ 'overlays/x/missing_patch.yaml': 'a: 1' }) }, { yaml: { overlays: ['x'] } })).rejects.toThrow(
      'failed to find base file missing.yaml to patch',
    );
  });

  it('decodes base64+gz resources', async () => {
    const content = gzipSync(Buffer.from('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n')).toString('base64');
    const objects = await renderBundleObjects({ resources: [{ name: 's.yaml', content, encoding: 'base64+gz' }] });
    expect(summary(objects)).toEqual(['Secret default/s']);
  });
});

describe('renderBundleObjects: Helm charts without Helm', () => {
  const chart = {
    'chart/Chart.yaml': 'apiVersion: v2\nname: guestbook\nversion: 0.2.0\nappVersion: "1.0"\n',
    'chart/values.yaml': 'replicas: 1\nservice:\n  enabled: true\n  type: ClusterIP\ningress:\n  enabled: false\nports: [80, 443]\n',
    'chart/templates/_helpers.tpl': [
      '{{- define "guestbook.fullname" -}}',
      '{{- if .Values.fullnameOverride }}{{ .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}',
      '{{- else }}{{- $name := default .Chart.Name .Values.nameOverride }}',
      '{{- if contains $name .Release.Name }}{{ .Release.Name | trunc 63 | trimSuffix "-" }}',
      '{{- else }}{{ printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}{{ end }}{{ end }}',
      '{{- end }}',
      '{{- define "guestbook.labels" -}}',
      'app.kubernetes.io/name: {{ .Chart.Name }}',
      'app.kubernetes.io/instance: {{ .Release.Name }}',
      '{{- end }}',
    ].join('\n'),
    'chart/templates/deployment.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "guestbook.fullname" . }}',
      '  labels:',
      '    {{- include "guestbook.labels" . | nindent 4 }}',
      'spec:',
      '  replicas: {{ .Values.replicas }}',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: "nginx:{{ .Chart.AppVersion }}"',
      '        ports:',
      '        {{- range .Values.ports }}',
      '        - containerPort: {{ . }}',
      '        {{- end }}',
    ].join('\n'),
    'chart/templates/service.yaml': '{{- if .Values.service.enabled }}\napiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "guestbook.fullname" . }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  type: {{ .Values.service.type | quote }}\n{{- end }}\n',
    'chart/templates/ingress.yaml': '{{- if .Values.ingress.enabled -}}\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n',
    'chart/templates/weird.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-weird\ndata:\n  {{ tpl .Values.unknown . | fancyFunction }}: [unbalanced\n',
    'chart/templates/NOTES.txt': 'Thanks for installing {{ .Chart.Name }}',
  };

  it('identifies the objects of a chart with values, release name and helpers', async () => {
    const objects = await renderBundleObjects(
      { resources: resources(chart) },
      { defaultNamespace: 'guests', helm: { chart: './chart', releaseName: 'gb', values: { replicas: 3, service: { type: 'NodePort' }, ingress: { enabled: true } } } },
    );
    expect(summary(objects)).toEqual(['Deployment guests/gb-guestbook', 'Ingress guests/gb', 'Service guests/gb-guestbook']);
    const deployment = objects[0]!.object as any;
    expect(deployment.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'guestbook', 'app.kubernetes.io/instance': 'gb' });
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0].image).toBe('nginx:1.0');
    expect(deployment.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80 }, { containerPort: 443 }]);
    expect((objects[2]!.object as any).spec.type).toBe('NodePort');
  });

  it('uses the bundle name as release name and honours disabled templates', async () => {
    const objects = await renderBundleObjects({ resources: resources(chart), helm: { chart: 'chart' } }, undefined, { bundleName: 'guestbook-app' });
    expect(summary(objects)).toEqual(['Deployment default/guestbook-app', 'Service default/guestbook-app']);
  });

  it('refuses charts it would have to download', async () => {
    await expect(
      renderBundleObjects({ resources: [], helm: { repo: 'https://charts.example.com', chart: 'app', version: '1.0.0' } }),
    ).rejects.toThrow(/helm chart download \(repo=https:\/\/charts.example.com chart=app version=1.0.0\) is not supported by the embedded cluster/);
  });
});

describe.skipIf(!kubectlPath)('renderBundleObjects: kustomize (kubectl)', () => {
  it('builds the kustomize directory with kubectl kustomize', async () => {
    const spec = {
      resources: resources({
        'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: base}\n',
        'base/kustomization.yaml': 'resources: [cm.yaml]\n',
        'overlays/dev/kustomization.yaml': 'resources: [../../base]\nnamePrefix: dev-\nnamespace: dev\n',
      }),
    };
    const objects = await renderBundleObjects(spec, { kustomize: { dir: 'overlays/dev' } });
    expect(summary(objects)).toEqual(['ConfigMap dev/dev-settings']);
  });

  it('reports kustomize errors', async () => {
    const spec = { resources: resources({ 'kustomization.yaml': 'resources: [missing.yaml]\n' }) };
    await expect(renderBundleObjects(spec)).rejects.toBeInstanceOf(RenderError);
  });
});

describe('renderBundleObjects: kustomize without kubectl', () => {
  it('says kustomize needs kubectl', async () => {
    const spec = { resources: resources({ 'kustomization.yaml': 'resources: []\n' }) };
    await expect(renderBundleObjects(spec, undefined, { kubectl: '/nonexistent/kubectl' })).rejects.toThrow(/kustomize needs kubectl/);
  });
});
