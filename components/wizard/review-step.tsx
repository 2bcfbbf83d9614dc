'use client';

/**
 * Review: the exact YAML of the GitRepo that will be written and of each Secret created first
 * (values masked). The GitRepo's YAML can be edited; the wizard reads it back into the form and
 * validates it again before anything is sent.
 */
import dynamic from 'next/dynamic';
import { stringify } from 'yaml';

import { Skeleton } from '@/components/ui/skeleton';
import { MANAGED_LABEL } from '@/lib/fleet/labels';
import { newSecrets, toGitRepo, type GitRepoForm } from '@/lib/gitrepo-form/form-state';
import { objectToYaml } from '@/lib/yaml/object-yaml';

// CodeMirror needs the DOM: loaded in the browser only, like the YAML tab's editor.
const YamlEditor = dynamic(() => import('@/components/yaml/yaml-editor'), { ssr: false, loading: () => <Skeleton className="h-72 rounded-lg" /> });

const MASK = '••••••••';
const SECRET_TYPES = { 'basic-auth': 'kubernetes.io/basic-auth', 'ssh-auth': 'kubernetes.io/ssh-auth' } as const;

/** The GitRepo as YAML, without status and server-written metadata except the version an edit sends. */
export function gitRepoYaml(form: GitRepoForm, ws: string): string {
  const object = toGitRepo(form, ws);
  const { status: _status, ...rest } = object;
  return objectToYaml(rest as Record<string, unknown>, { mode: form.base?.metadata.resourceVersion ? 'edit' : 'clean' });
}

/** Each Secret the BFF creates first, as it will be stored, with its values masked. */
export function secretsYaml(form: GitRepoForm, ws: string): { role: string; yaml: string }[] {
  const secrets = newSecrets(form);
  return Object.entries(secrets).map(([role, input]) => {
    const data =
      input.type === 'basic-auth'
        ? { username: input.username, password: MASK }
        : { 'ssh-privatekey': MASK, ...(input.publicKey ? { 'ssh-publickey': input.publicKey.trim() } : {}), ...(input.knownHosts ? { known_hosts: input.knownHosts.trim() } : {}) };
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { generateName: 'auth-', namespace: ws, labels: { [MANAGED_LABEL]: 'true' } },
      type: SECRET_TYPES[input.type],
      stringData: data,
    };
    return { role, yaml: stringify(secret, { lineWidth: 0 }) };
  });
}

export function ReviewStep({ ws, form, yaml, onYamlChange, yamlError }: { ws: string; form: GitRepoForm; yaml: string; onYamlChange(text: string): void; yamlError?: string }) {
  const secrets = secretsYaml(form, ws);
  return (
    <div className="space-y-5">
      <section className="space-y-2" aria-labelledby="review-gitrepo">
        <h3 id="review-gitrepo" className="text-sm font-semibold">
          GitRepo
        </h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">This is what will be written. Edit it here if you like: the changes are checked again and carried back into the steps.</p>
        <div data-testid="review-yaml">
          <YamlEditor label="GitRepo YAML" value={yaml} readOnly={false} onChange={onYamlChange} />
        </div>
        {yamlError ? (
          <p role="alert" className="text-sm text-rose-700 dark:text-rose-300" data-testid="yaml-error">
            {yamlError}
          </p>
        ) : null}
      </section>
      {secrets.map((secret) => (
        <section key={secret.role} className="space-y-2" aria-labelledby={`review-${secret.role}`}>
          <h3 id={`review-${secret.role}`} className="text-sm font-semibold">
            Secret for {secret.role === 'clientSecret' ? 'Git' : 'Helm'} authentication (created first, referenced from spec.{secret.role === 'clientSecret' ? 'clientSecretName' : 'helmSecretName'})
          </h3>
          <pre className="overflow-x-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs dark:border-slate-800 dark:bg-slate-950" data-testid={`review-secret-${secret.role}`}>
            {secret.yaml}
          </pre>
        </section>
      ))}
    </div>
  );
}
