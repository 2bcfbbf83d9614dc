'use client';

/**
 * The first four steps of the Git Repo wizard. Each renders part of the one form state and
 * shows the errors of its own fields; the wizard decides when errors become visible.
 */
import { useState } from 'react';

import { LabelSelectorEditor } from '@/components/selectors/label-selector-editor';
import { TargetPreviewPanel } from '@/components/targets/target-preview-panel';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import {
  emptyTargetRow,
  formTargets,
  type BundleRow,
  type GitRepoForm,
  type TargetMode,
  type TargetRow,
  type TargetRowKind,
} from '@/lib/gitrepo-form/form-state';
import { isPlainHttp, REPO_URL_HINT } from '@/lib/gitrepo-form/repo-url';
import type { FormErrors } from '@/lib/gitrepo-form/validate';

import { Checkbox, describedBy, errorId, FieldError, inputClass, KeyValueEditor, RadioGroup, SelectField, StringListEditor, TextArea } from './fields';
import { gitSecrets, useClusterGroups, useClusterSearch, useSecretNames } from './queries';
import { secretErrors, SecretFields } from './secret-fields';
import { TestConnection, type useTestConnection } from './test-connection';

export interface StepProps {
  ws: string;
  mode: 'create' | 'edit';
  form: GitRepoForm;
  update(patch: Partial<GitRepoForm>): void;
  errors: FormErrors;
}

const sectionTitle = 'text-sm font-semibold text-slate-900 dark:text-slate-100';

// ---- 1 Metadata -----------------------------------------------------------------------------------

export function MetadataStep({ ws, mode, form, update, errors }: StepProps) {
  return (
    <div className="space-y-5">
      <TextField
        id="gitrepo-name"
        label="Name"
        mono
        autoComplete="off"
        value={form.name}
        disabled={mode === 'edit'}
        error={errors.name}
        hint={mode === 'edit' ? 'A Git repo keeps its name; clone it to use another.' : `Lowercase letters, digits, "-" and "."; at most 63 characters; unique in ${ws}.`}
        onChange={(event) => update({ name: event.target.value })}
      />
      <TextField id="gitrepo-description" label="Description (optional)" value={form.description} error={errors.description} onChange={(event) => update({ description: event.target.value })} />
      <KeyValueEditor id="gitrepo-labels" label="Labels" addLabel="Add label" rows={form.labels} error={errors.labels} onChange={(labels) => update({ labels })} />
      <KeyValueEditor id="gitrepo-annotations" label="Annotations" addLabel="Add annotation" rows={form.annotations} error={errors.annotations} onChange={(annotations) => update({ annotations })} />
    </div>
  );
}

// ---- 2 Repository ---------------------------------------------------------------------------------

function BundlesEditor({ rows, onChange, errors }: { rows: BundleRow[]; onChange(rows: BundleRow[]): void; errors: FormErrors }) {
  const set = (index: number, patch: Partial<BundleRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Bundles (optional)</legend>
      <p className="text-xs text-slate-600 dark:text-slate-400">Instead of scanning paths for fleet.yaml, name each bundle&apos;s base directory and, optionally, its options file.</p>
      {rows.map((row, index) => {
        const id = `gitrepo-bundles-${index}`;
        const error = errors[`bundles.${index}`];
        return (
          <div key={index} className="space-y-1">
            <div className="flex items-end gap-2">
              <div className="flex-1 space-y-1">
                <label htmlFor={`${id}-base`} className="block text-xs text-slate-600 dark:text-slate-400">
                  Base directory {index + 1}
                </label>
                <input id={`${id}-base`} className={`${inputClass(Boolean(error), true)} h-9`} value={row.base} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId(id) : undefined} onChange={(event) => set(index, { base: event.target.value })} />
              </div>
              <div className="flex-1 space-y-1">
                <label htmlFor={`${id}-options`} className="block text-xs text-slate-600 dark:text-slate-400">
                  Options file {index + 1} (optional)
                </label>
                <input id={`${id}-options`} className={`${inputClass(false, true)} h-9`} value={row.options} placeholder="fleet.yaml" onChange={(event) => set(index, { options: event.target.value })} />
              </div>
              <Button variant="ghost" size="sm" icon="close" aria-label={`Remove bundle ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))} />
            </div>
            <FieldError id={id} error={error} />
          </div>
        );
      })}
      <Button variant="secondary" size="sm" icon="plus" onClick={() => onChange([...rows, { base: '', options: '' }])}>
        Add bundle
      </Button>
    </fieldset>
  );
}

export function RepositoryStep({ ws, form, update, errors, test, onUrlProblem }: StepProps & { test: ReturnType<typeof useTestConnection>; onUrlProblem(problem: string): void }) {
  const secrets = useSecretNames(ws);
  const refs = test.data?.ok ? (form.refKind === 'branch' ? test.data.branches : test.data.tags) : [];
  return (
    <div className="space-y-5">
      <TextField
        id="gitrepo-repo"
        label="Repository URL"
        mono
        autoComplete="off"
        placeholder="https://github.com/rancher/fleet-examples.git or git@github.com:org/repo.git"
        value={form.repo}
        error={errors.repo}
        hint={REPO_URL_HINT}
        onChange={(event) => update({ repo: event.target.value })}
      />
      <SecretFields
        id="gitrepo-auth"
        label="Git authentication"
        choice={form.clientSecret}
        onChange={(clientSecret) => update({ clientSecret })}
        secrets={gitSecrets(secrets.data?.items)}
        secretsError={secrets.error ? `Could not list Secrets: ${secrets.error.message}` : undefined}
        errors={secretErrors(errors, 'clientSecret')}
        noneHint="Public repository (Fleet falls back to a Secret named gitcredential if there is one)."
      />
      <TestConnection form={form} test={test} onUrlProblem={onUrlProblem} />
      <div className="grid gap-3 sm:grid-cols-[auto_1fr] sm:items-end">
        <SelectField id="gitrepo-ref-kind" label="Follow" value={form.refKind} onChange={(event) => update({ refKind: event.target.value as 'branch' | 'revision' })}>
          <option value="branch">A branch</option>
          <option value="revision">A revision (tag or commit)</option>
        </SelectField>
        <div className="space-y-1.5">
          <label htmlFor="gitrepo-ref" className="block text-sm font-medium">
            {form.refKind === 'branch' ? 'Branch' : 'Tag or commit'}
          </label>
          <input
            id="gitrepo-ref"
            list={refs.length ? 'gitrepo-ref-options' : undefined}
            className={`${inputClass(Boolean(errors.ref), true)} h-9`}
            placeholder={form.refKind === 'branch' ? 'master (Fleet’s default)' : 'v1.0.0'}
            value={form.ref}
            aria-invalid={errors.ref ? true : undefined}
            aria-describedby={describedBy('gitrepo-ref', errors.ref)}
            onChange={(event) => update({ ref: event.target.value })}
          />
          {refs.length ? (
            <datalist id="gitrepo-ref-options" data-testid="ref-options">
              {refs.map((ref) => (
                <option key={ref.name} value={ref.name} />
              ))}
            </datalist>
          ) : null}
          <FieldError id="gitrepo-ref" error={errors.ref} />
        </div>
      </div>
      {test.data?.ok && form.refKind === 'branch' ? (
        <div className="flex flex-wrap items-center gap-2" data-testid="branch-picker">
          <span className="text-sm text-slate-600 dark:text-slate-400">Branches:</span>
          {test.data.branches.map((branch) => (
            <Button key={branch.name} size="sm" variant={form.ref === branch.name ? 'primary' : 'secondary'} aria-pressed={form.ref === branch.name} onClick={() => update({ ref: branch.name })}>
              {branch.name}
            </Button>
          ))}
        </div>
      ) : null}
      <StringListEditor
        id="gitrepo-paths"
        label="Paths"
        itemLabel="Path"
        rows={form.paths}
        placeholder="charts/web"
        hint="Directories Fleet scans for fleet.yaml and manifests; globs like charts/* work. No paths: the whole repository."
        addLabel="Add path"
        errors={(index) => errors[`paths.${index}`]}
        onChange={(paths) => update({ paths })}
      />
      <BundlesEditor rows={form.bundles} errors={errors} onChange={(bundles) => update({ bundles })} />
    </div>
  );
}

// ---- 3 Targets ------------------------------------------------------------------------------------

const ROW_KINDS: { value: TargetRowKind; label: string }[] = [
  { value: 'clusterGroup', label: 'Cluster group' },
  { value: 'clusterName', label: 'Cluster' },
  { value: 'clusterSelector', label: 'Clusters with labels' },
  { value: 'clusterGroupSelector', label: 'Cluster groups with labels' },
  { value: 'yaml', label: 'Advanced (YAML)' },
];

function ClusterNameInput({ ws, id, value, onChange, error }: { ws: string; id: string; value: string; onChange(value: string): void; error?: string }) {
  const search = useClusterSearch(ws, value);
  const listId = `${id}-options`;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        Cluster name
      </label>
      <input id={id} list={listId} autoComplete="off" className={`${inputClass(Boolean(error), true)} h-9`} value={value} placeholder="Type to search clusters" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error)} onChange={(event) => onChange(event.target.value)} />
      <datalist id={listId}>
        {(search.data?.items ?? []).map((cluster) => (
          <option key={cluster.name} value={cluster.name}>
            {cluster.displayName !== cluster.name ? cluster.displayName : undefined}
          </option>
        ))}
      </datalist>
      <FieldError id={id} error={error} />
    </div>
  );
}

function ClusterGroupInput({ ws, id, value, onChange, error }: { ws: string; id: string; value: string; onChange(value: string): void; error?: string }) {
  const groups = useClusterGroups(ws);
  return (
    <SelectField id={id} label="Cluster group" value={value} error={error} onChange={(event) => onChange(event.target.value)}>
      <option value="">Choose a group…</option>
      {value && !(groups.data?.items ?? []).some((group) => group.name === value) ? <option value={value}>{value}</option> : null}
      {(groups.data?.items ?? []).map((group) => (
        <option key={group.name} value={group.name}>
          {group.name}
        </option>
      ))}
    </SelectField>
  );
}

function TargetRowEditor({ ws, index, row, onChange, onRemove, error }: { ws: string; index: number; row: TargetRow; onChange(row: TargetRow): void; onRemove(): void; error?: string }) {
  const id = `gitrepo-target-${index}`;
  return (
    <li className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid="target-row">
      <div className="flex items-end gap-2">
        <SelectField id={`${id}-kind`} label={`Target ${index + 1}`} className="flex-1" value={row.kind} onChange={(event) => onChange({ ...row, kind: event.target.value as TargetRowKind })}>
          {ROW_KINDS.map((kind) => (
            <option key={kind.value} value={kind.value}>
              {kind.label}
            </option>
          ))}
        </SelectField>
        <Button variant="ghost" size="sm" icon="close" aria-label={`Remove target ${index + 1}`} onClick={onRemove} />
      </div>
      {row.kind === 'clusterGroup' ? <ClusterGroupInput ws={ws} id={`${id}-group`} value={row.value} error={error} onChange={(value) => onChange({ ...row, value })} /> : null}
      {row.kind === 'clusterName' ? <ClusterNameInput ws={ws} id={`${id}-cluster`} value={row.value} error={error} onChange={(value) => onChange({ ...row, value })} /> : null}
      {row.kind === 'clusterSelector' || row.kind === 'clusterGroupSelector' ? (
        <LabelSelectorEditor
          id={`${id}-selector`}
          label={row.kind === 'clusterSelector' ? 'Cluster labels' : 'Cluster group labels'}
          value={row.selector}
          error={error}
          hint={row.kind === 'clusterSelector' ? 'Clusters whose labels match. An empty selector matches every cluster.' : 'Clusters in any group whose labels match.'}
          onChange={(selector) => onChange({ ...row, selector: selector as TargetRow['selector'] })}
        />
      ) : null}
      {row.kind === 'yaml' ? (
        <TextArea
          id={`${id}-yaml`}
          label="Target as YAML"
          mono
          spellCheck={false}
          value={row.yaml}
          error={error}
          hint="Any GitTarget: name, clusterName, clusterGroup, clusterSelector, clusterGroupSelector — combined criteria must all match."
          onChange={(event) => onChange({ ...row, yaml: event.target.value })}
        />
      ) : null}
    </li>
  );
}

export function TargetsStep({ ws, form, update, errors }: StepProps) {
  const [added, setAdded] = useState<TargetRowKind>('clusterGroup');
  const local = ws === 'fleet-local';
  const targets = formTargets(form);
  const modes: { value: TargetMode; label: string; hint?: string }[] = [
    { value: 'all', label: 'All clusters in the workspace', hint: 'Every cluster except Harvester hosts, as Rancher writes it.' },
    local
      ? { value: 'none', label: 'The local cluster', hint: "No targets: Fleet's default group, which in fleet-local holds the local cluster." }
      : { value: 'none', label: 'No clusters', hint: "No targets: only a cluster group named \"default\", if the workspace has one, gets this repo." },
    { value: 'custom', label: 'Choose targets', hint: 'Any mix of cluster groups, clusters and label selectors; a cluster matching any target gets the repo.' },
  ];
  return (
    <div className="space-y-5">
      <RadioGroup id="gitrepo-target-mode" legend="Deploy to" options={modes} value={form.targetMode} error={errors.targetMode} onChange={(targetMode) => update({ targetMode, targets: targetMode === 'custom' && form.targets.length === 0 ? [emptyTargetRow('clusterGroup')] : form.targets })} />
      {form.targetMode === 'custom' ? (
        <div className="space-y-3">
          <ol className="space-y-3">
            {form.targets.map((row, index) => (
              <TargetRowEditor
                key={row.id}
                ws={ws}
                index={index}
                row={row}
                error={errors[`targets.${index}`]}
                onChange={(next) => update({ targets: form.targets.map((item) => (item.id === row.id ? next : item)) })}
                onRemove={() => update({ targets: form.targets.filter((item) => item.id !== row.id) })}
              />
            ))}
          </ol>
          <div className="flex items-end gap-2">
            <SelectField id="gitrepo-target-add-kind" label="New target" value={added} onChange={(event) => setAdded(event.target.value as TargetRowKind)}>
              {ROW_KINDS.map((kind) => (
                <option key={kind.value} value={kind.value}>
                  {kind.label}
                </option>
              ))}
            </SelectField>
            <Button variant="secondary" icon="plus" onClick={() => update({ targets: [...form.targets, emptyTargetRow(added)] })}>
              Add target
            </Button>
          </div>
        </div>
      ) : null}
      <TargetPreviewPanel workspace={ws} body={targets ? { targets } : {}} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id="gitrepo-service-account" label="Service account (optional)" mono value={form.serviceAccount} error={errors.serviceAccount} hint="Used by the agent on each cluster to deploy." onChange={(event) => update({ serviceAccount: event.target.value })} />
        <TextField id="gitrepo-target-namespace" label="Target namespace (optional)" mono value={form.targetNamespace} error={errors.targetNamespace} hint="Every resource goes into this namespace." onChange={(event) => update({ targetNamespace: event.target.value })} />
      </div>
    </div>
  );
}

// ---- 4 Advanced -----------------------------------------------------------------------------------

export function AdvancedStep({ ws, form, update, errors }: StepProps) {
  const secrets = useSecretNames(ws);
  const all = secrets.data?.items ?? [];
  const drift = form.correctDrift;
  return (
    <div className="space-y-6">
      <section className="space-y-3" aria-labelledby="adv-helm">
        <h3 id="adv-helm" className={sectionTitle}>
          Helm authentication
        </h3>
        <SecretFields
          id="gitrepo-helm-auth"
          label="Helm repository credentials"
          choice={form.helmSecret}
          onChange={(helmSecret) => update({ helmSecret })}
          secrets={all}
          errors={secretErrors(errors, 'helmSecret')}
          noneHint="Charts come from public Helm repositories."
        />
        <TextField id="gitrepo-helm-regex" label="Helm repos URL regex (optional)" mono value={form.helmRepoURLRegex} error={errors.helmRepoURLRegex} hint="Send the credentials only to chart URLs that match." onChange={(event) => update({ helmRepoURLRegex: event.target.value })} />
        <SelectField id="gitrepo-helm-paths" label="Per-path Helm credentials Secret (optional)" value={form.helmSecretNameForPaths} error={errors.helmSecretNameForPaths} hint="A Secret with secrets-path.yaml; overrides the credentials above." onChange={(event) => update({ helmSecretNameForPaths: event.target.value })}>
          <option value="">None</option>
          {form.helmSecretNameForPaths && !all.some((secret) => secret.name === form.helmSecretNameForPaths) ? <option value={form.helmSecretNameForPaths}>{form.helmSecretNameForPaths}</option> : null}
          {all.map((secret) => (
            <option key={secret.name} value={secret.name}>
              {secret.name} ({secret.type})
            </option>
          ))}
        </SelectField>
      </section>

      <section className="space-y-3" aria-labelledby="adv-tls">
        <h3 id="adv-tls" className={sectionTitle}>
          TLS
        </h3>
        {isPlainHttp(form.repo) ? <p className="text-sm text-slate-600 dark:text-slate-400">The repository URL is plain http://, so TLS settings do not apply to git.</p> : null}
        <RadioGroup
          id="gitrepo-tls"
          legend="Certificate verification"
          value={form.tlsMode}
          error={errors.tlsMode}
          onChange={(tlsMode) => update({ tlsMode })}
          options={[
            { value: 'verify', label: 'Require a valid certificate' },
            { value: 'ca', label: 'Trust additional certificates' },
            { value: 'skip', label: 'Accept any certificate (insecure)' },
          ]}
        />
        {form.tlsMode === 'ca' ? <TextArea id="gitrepo-ca-bundle" label="CA certificates (PEM)" mono spellCheck={false} value={form.caBundle} error={errors.caBundle} onChange={(event) => update({ caBundle: event.target.value })} /> : null}
      </section>

      <section className="space-y-3" aria-labelledby="adv-polling">
        <h3 id="adv-polling" className={sectionTitle}>
          Polling
        </h3>
        <Checkbox id="gitrepo-polling" label="Poll the repository for new commits" checked={form.pollingEnabled} hint="Off: only webhooks and Force Update bring changes." onChange={(pollingEnabled) => update({ pollingEnabled })} />
        <TextField
          id="gitrepo-polling-interval"
          label="Polling interval (optional)"
          mono
          placeholder="15s"
          value={form.pollingInterval}
          error={errors.pollingInterval}
          hint="A duration such as 30s or 5m. Empty: Fleet's default of 15s, or 1h once a webhook has been received."
          onChange={(event) => update({ pollingInterval: event.target.value })}
        />
        <TextField id="gitrepo-webhook-secret" label="Webhook secret (optional)" mono value={form.webhookSecret} error={errors.webhookSecret} hint="Name of a Secret that validates this repo's webhooks." onChange={(event) => update({ webhookSecret: event.target.value })} />
      </section>

      <section className="space-y-3" aria-labelledby="adv-resources">
        <h3 id="adv-resources" className={sectionTitle}>
          Resource handling
        </h3>
        <Checkbox id="gitrepo-drift" label="Self-healing: correct drift" hint="Undo changes made on the clusters outside Git." checked={drift.enabled} onChange={(enabled) => update({ correctDrift: { ...drift, enabled } })} />
        <Checkbox id="gitrepo-drift-force" label="Force drift correction (replace resources that cannot be patched)" checked={drift.force} onChange={(force) => update({ correctDrift: { ...drift, force } })} />
        <Checkbox id="gitrepo-drift-history" label="Keep failed drift corrections in the Helm history" checked={drift.keepFailHistory} onChange={(keepFailHistory) => update({ correctDrift: { ...drift, keepFailHistory } })} />
        <Checkbox id="gitrepo-keep-resources" label="Keep resources when the Git repo or a bundle is deleted" checked={form.keepResources} onChange={(keepResources) => update({ keepResources })} />
        <Checkbox id="gitrepo-delete-namespace" label="Delete the target namespace when the Git repo is deleted" checked={form.deleteNamespace} onChange={(deleteNamespace) => update({ deleteNamespace })} />
        <Checkbox id="gitrepo-paused" label="Paused" hint="Fleet keeps fetching Git but deploys nothing new; changes show as OutOfSync." checked={form.paused} onChange={(paused) => update({ paused })} />
      </section>

      <section className="space-y-3" aria-labelledby="adv-more">
        <h3 id="adv-more" className={sectionTitle}>
          Storage and image scanning
        </h3>
        <TextField id="gitrepo-oci-secret" label="OCI registry Secret (optional)" mono value={form.ociRegistrySecret} error={errors.ociRegistrySecret} hint="Store bundle contents in an OCI registry instead of the cluster." onChange={(event) => update({ ociRegistrySecret: event.target.value })} />
        <TextField id="gitrepo-image-scan-interval" label="Image scan interval (optional)" mono placeholder="5m" value={form.imageScanInterval} error={errors.imageScanInterval} onChange={(event) => update({ imageScanInterval: event.target.value })} />
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField id="gitrepo-commit-author" label="Commit author name" value={form.imageScanCommit.authorName} onChange={(event) => update({ imageScanCommit: { ...form.imageScanCommit, authorName: event.target.value } })} />
          <TextField id="gitrepo-commit-email" label="Commit author email" value={form.imageScanCommit.authorEmail} onChange={(event) => update({ imageScanCommit: { ...form.imageScanCommit, authorEmail: event.target.value } })} />
          <TextField id="gitrepo-commit-message" label="Commit message template" value={form.imageScanCommit.messageTemplate} onChange={(event) => update({ imageScanCommit: { ...form.imageScanCommit, messageTemplate: event.target.value } })} />
        </div>
      </section>
    </div>
  );
}
