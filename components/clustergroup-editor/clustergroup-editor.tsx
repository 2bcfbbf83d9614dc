'use client';

/**
 * The Cluster Group editor (`/w/{ws}/clustergroups/new` and `…/{name}/edit`): name, description,
 * labels and the label selector, with a live preview of the clusters the selector matches
 * (computed by the BFF). The form is checked with the BFF's own schemas before anything is sent;
 * a create is first tried as a dry run, so a taken name shows at the name field.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useMemo, useState, type FormEvent } from 'react';

import { NotFoundPanel, type Prefetched } from '@/components/detail/detail-frame';
import { DETAIL_PAGE_SIZE } from '@/components/detail/format';
import { useObjectDetail } from '@/components/detail/use-object-detail';
import { LabelSelectorEditor } from '@/components/selectors/label-selector-editor';
import { TargetPreviewPanel } from '@/components/targets/target-preview-panel';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonText } from '@/components/ui/skeleton';
import { TextField } from '@/components/ui/text-field';
import { apiGet, apiSend, ApiClientError } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import { ALL_WORKSPACES, clusterGroupDetailSchema, objectWrittenSchema, type ClusterGroupDetail, type TargetPreviewBody } from '@/lib/api/schemas';
import { objectHref, sectionHref } from '@/lib/routes';

import {
  baseOf,
  createBody,
  emptyForm,
  formFromObject,
  nameProblem,
  onlyStatusChanged,
  placeMessage,
  selectorOf,
  updateBody,
  validateForm,
  type ClusterGroupForm,
  type EditBase,
  type FormErrors,
  type MembershipMode,
} from './form-state';
import { LabelsField } from './labels-field';

export type ClusterGroupEditorProps = { ws: string; mode: 'create' } | { ws: string; mode: 'edit'; name: string; prefetched: Prefetched<'clustergroups'> };

const groupPath = (ws: string, name?: string) => `/api/v1/workspaces/${encodeURIComponent(ws)}/clustergroups${name ? `/${encodeURIComponent(name)}` : ''}`;

/** Saves made again on a newer version when only status moved (Fleet rewrites it often). */
const STATUS_RETRIES = 3;

export function ClusterGroupEditor(props: ClusterGroupEditorProps) {
  if (props.ws === ALL_WORKSPACES) {
    return (
      <div className="mx-auto w-full max-w-7xl">
        <PageHeader title="Create cluster group" description="A cluster group belongs to one workspace: pick one in the workspace switcher first." />
        <ButtonLink href={sectionHref(props.ws, 'clustergroups')} variant="secondary">
          Back to cluster groups
        </ButtonLink>
      </div>
    );
  }
  if (props.mode === 'create') return <EditorForm ws={props.ws} initial={emptyForm()} />;
  return <EditLoader {...props} />;
}

/** Loads the group (prefetched by the server page), then edits a snapshot of it. */
function EditLoader({ ws, name, prefetched }: { ws: string; name: string; prefetched: Prefetched<'clustergroups'> }) {
  const query = useObjectDetail('clustergroups', ws, name, prefetched.status === 'ok' ? prefetched.detail : undefined, DETAIL_PAGE_SIZE);
  const detail = query.data;
  if (!detail) {
    if (prefetched.status === 'not_found' || (query.error instanceof ApiClientError && query.error.status === 404)) {
      const field = query.error instanceof ApiClientError ? query.error.field : prefetched.status === 'not_found' ? prefetched.field : undefined;
      return <NotFoundPanel kind="clustergroups" ws={ws} name={name} workspaceMissing={field === 'ws'} />;
    }
    if (query.error || prefetched.status === 'error') {
      return <ErrorState title={`Cluster group ${name} cannot be loaded right now`} error={query.error ?? prefetched} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
    }
    return <SkeletonText lines={6} />;
  }
  return <EditorForm ws={ws} initial={formFromObject(detail.object)} base={baseOf(detail.object)} />;
}

function MembershipChoice({ mode, onChange, ws }: { mode: MembershipMode; onChange(mode: MembershipMode): void; ws: string }) {
  const name = useId();
  const options: { value: MembershipMode; label: string; hint: string }[] = [
    { value: 'selector', label: 'Clusters whose labels match the selector', hint: `With no rule, the selector is empty and every cluster in ${ws} belongs to the group.` },
    { value: 'none', label: 'No clusters (no selector)', hint: 'Fleet treats a group without a selector as empty.' },
  ];
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Members</legend>
      {options.map((option) => (
        <label key={option.value} className="flex items-start gap-2 text-sm">
          <input type="radio" name={name} value={option.value} checked={mode === option.value} onChange={() => onChange(option.value)} className="mt-1" />
          <span>
            {option.label}
            <span className="block text-xs text-slate-600 dark:text-slate-400">{option.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function EditorForm({ ws, initial, base: loadedBase }: { ws: string; initial: ClusterGroupForm; base?: EditBase }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(initial);
  const [base, setBase] = useState(loadedBase);
  const [errors, setErrors] = useState<FormErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<ClusterGroupDetail>();
  const formId = useId();
  const editing = base !== undefined;

  const change = (patch: Partial<ClusterGroupForm>, clears: keyof FormErrors) => {
    setForm((current) => ({ ...current, ...patch }));
    if (errors[clears] || errors.form) setErrors((current) => ({ ...current, [clears]: undefined, form: undefined }));
  };

  // Checked as you type with the BFF's own rules; a taken name is found on submit (dry run).
  const typedNameProblem = editing ? undefined : nameProblem(form.name.trim());
  const previewBody: TargetPreviewBody = useMemo(() => ({ selector: selectorOf(form) }), [form]);

  // After the messages render: the first field marked invalid takes the focus.
  const focusFirstProblem = () => requestAnimationFrame(() => document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  const fail = (error: unknown) => {
    if (error instanceof ApiClientError) {
      const placed = placeMessage(error.field, error.message);
      if (error.code === 'conflict' && placed.field === 'name') {
        setErrors({ name: `A cluster group named "${form.name.trim()}" already exists in ${ws}. Choose another name.` });
      } else {
        setErrors({ [placed.field]: placed.field === 'selector' ? `The selector is not valid: ${placed.message}` : placed.message });
      }
    } else {
      setErrors({ form: error instanceof Error ? error.message : String(error) });
    }
  };

  const create = async () => {
    const body = createBody(form);
    await apiSend('POST', `${groupPath(ws)}?dryRun=true`, body);
    const written = objectWrittenSchema.parse(await apiSend('POST', groupPath(ws), body));
    return written.object.metadata.name;
  };

  /** PUT on the version loaded; a 409 caused only by a status write is retried on the newer version. */
  const update = async (editBase: EditBase) => {
    let current = editBase;
    for (let attempt = 0; ; attempt++) {
      try {
        await apiSend('PUT', groupPath(ws, form.name), updateBody(form, current));
        return form.name;
      } catch (error) {
        if (!(error instanceof ApiClientError && error.code === 'conflict') || attempt >= STATUS_RETRIES) throw error;
        const latest = await apiGet(`${groupPath(ws, form.name)}?limit=1`, clusterGroupDetailSchema);
        if (!onlyStatusChanged(editBase, latest.object)) {
          setConflict(latest);
          throw error;
        }
        current = { ...editBase, resourceVersion: latest.object.metadata.resourceVersion ?? editBase.resourceVersion };
      }
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setConflict(undefined);
    const found = validateForm(form, base);
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      focusFirstProblem();
      return;
    }
    setSaving(true);
    try {
      const name = base ? await update(base) : await create();
      await Promise.all([queryClient.invalidateQueries({ queryKey: fleetKeys.kind('clustergroups') }), queryClient.invalidateQueries({ queryKey: fleetKeys.workspaces() })]);
      router.push(objectHref(ws, 'clustergroups', name));
    } catch (error) {
      fail(error);
      setSaving(false);
      focusFirstProblem();
    }
  };

  const reloadFromLatest = () => {
    if (!conflict) return;
    setForm(formFromObject(conflict.object));
    setBase(baseOf(conflict.object));
    setConflict(undefined);
    setErrors({});
  };

  const cancelHref = editing ? objectHref(ws, 'clustergroups', form.name) : sectionHref(ws, 'clustergroups');
  return (
    <div className="mx-auto w-full max-w-7xl">
      <PageHeader
        title={editing ? `Edit cluster group ${form.name}` : 'Create cluster group'}
        description={
          editing ? (
            <>
              In <span className="font-mono">{ws}</span>. Git repos that target this group follow the new members.
            </>
          ) : (
            <>
              A named set of clusters in <span className="font-mono">{ws}</span>, chosen by their labels, that Git repos can target.
            </>
          )
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <form id={formId} noValidate onSubmit={(event) => void submit(event)} className="space-y-6" aria-label={editing ? 'Edit cluster group' : 'Create cluster group'}>
          <Card title="Cluster group" headingLevel={2}>
            <div className="space-y-5">
              {editing ? (
                <div className="space-y-1.5">
                  <p className="text-sm font-medium">Name</p>
                  <p className="font-mono text-sm" data-testid="group-name">
                    {form.name}
                  </p>
                  <p className="text-xs text-slate-600 dark:text-slate-400">A cluster group cannot be renamed.</p>
                </div>
              ) : (
                <TextField
                  id={`${formId}-name`}
                  label="Name"
                  mono
                  required
                  autoComplete="off"
                  spellCheck={false}
                  value={form.name}
                  onChange={(event) => change({ name: event.target.value }, 'name')}
                  error={errors.name ?? typedNameProblem}
                  hint="Lowercase letters, digits, '-' and '.', starting and ending with a letter or digit; at most 63 characters."
                />
              )}
              <TextField
                id={`${formId}-description`}
                label="Description (optional)"
                value={form.description}
                onChange={(event) => change({ description: event.target.value }, 'description')}
                error={errors.description}
                hint="Shown with the group; stored in the field.cattle.io/description annotation, as Rancher does."
              />
              <LabelsField id={`${formId}-labels`} rows={form.labels} onChange={(labels) => change({ labels }, 'labels')} error={errors.labels} revealAll={submitted} />
            </div>
          </Card>
          <Card title="Which clusters belong to it" headingLevel={2}>
            <div className="space-y-5">
              <MembershipChoice mode={form.mode} onChange={(mode) => change({ mode }, 'selector')} ws={ws} />
              {form.mode === 'selector' ? (
                <LabelSelectorEditor
                  id={`${formId}-selector`}
                  label="Selector"
                  hint="A cluster belongs to the group when its labels satisfy every rule."
                  value={form.selector}
                  onChange={(selector) => change({ selector }, 'selector')}
                  error={errors.selector}
                />
              ) : errors.selector ? (
                <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
                  {errors.selector}
                </p>
              ) : null}
            </div>
          </Card>
          {conflict ? (
            <div role="alert" className="space-y-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/60 dark:text-amber-200" data-testid="edit-conflict">
              <p>
                Someone changed <span className="font-mono">{form.name}</span> while you were editing it. Saving now would overwrite their change.
              </p>
              <Button size="sm" variant="secondary" onClick={reloadFromLatest}>
                Load their version (discards your edits)
              </Button>
            </div>
          ) : null}
          {errors.form ? (
            <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950/60 dark:text-rose-200" data-testid="form-error">
              {errors.form}
            </p>
          ) : null}
          <div className="flex items-center gap-2">
            <Button type="submit" pending={saving}>
              {editing ? 'Save' : 'Create'}
            </Button>
            <ButtonLink variant="secondary" href={cancelHref}>
              Cancel
            </ButtonLink>
          </div>
        </form>
        <div className="lg:sticky lg:top-4">
          <TargetPreviewPanel workspace={ws} body={previewBody} />
        </div>
      </div>
    </div>
  );
}
