'use client';

import { useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useId, useMemo, useState, type ReactNode } from 'react';

import { useCan } from '@/lib/api/access';
import { apiGet } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import { objectDetailSchema, type KubeObjectDto, type ListKind } from '@/lib/api/schemas';
import { locateField, replaceScalar } from '@/lib/yaml/field-location';
import { objectToYaml } from '@/lib/yaml/object-yaml';
import { KIND_LABELS } from '@/components/detail/format';
import { Button, Callout, CopyButton, Skeleton } from '@/components/detail/ui';

import { saveObjectYaml, YamlSaveError } from './yaml-api';
import type { YamlProblem } from './yaml-editor';

const YamlEditor = dynamic(() => import('./yaml-editor'), {
  ssr: false,
  loading: () => <Skeleton className="h-72 rounded-lg" />,
});

interface Editing {
  /** The text the edit started from and its version. */
  baseText: string;
  baseVersion: string;
  /** What of the object an edit can change, when the edit started (see {@link editable}). */
  baseEditable: string;
  draft: string;
}

/**
 * What of an object an edit can change: everything but status and resourceVersion. Fleet writes
 * status all the time (every poll), which bumps resourceVersion; that must not turn every edit
 * that takes longer than a poll into a conflict.
 */
function editable(object: KubeObjectDto): string {
  return objectToYaml({ ...object, metadata: { ...object.metadata, resourceVersion: undefined } }, { mode: 'edit' });
}

interface Failure {
  message: string;
  code: string;
  field?: string;
  line?: number;
}

function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * An object's YAML: view (read-only, live), copy, download and edit. Saving sends the text to
 * `PUT …/yaml`; a refusal is shown above the editor and, when it names a field, at that field's
 * line. While editing, the text is never replaced under the user's hands: if the object changes
 * on the cluster, a banner says so and offers to load the new version.
 */
export function YamlPanel({ kind, ws, name, object, note }: { kind: ListKind; ws: string; name: string; object: KubeObjectDto; note?: ReactNode }) {
  const queryClient = useQueryClient();
  const viewText = useMemo(() => objectToYaml(object), [object]);
  const [editing, setEditing] = useState<Editing | undefined>();
  // Team mode: "Edit YAML" is a replace (update), offered only to people who may make it.
  const canUpdate = useCan(ws, kind, 'update');
  const [clean, setClean] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>();
  const [problem, setProblem] = useState<YamlProblem | undefined>();
  const [problemLine, setProblemLine] = useState<number | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const cleanId = useId();
  const one = KIND_LABELS[kind].one;
  const version = object.metadata.resourceVersion ?? '';
  const changedMeanwhile = editing !== undefined && editable(object) !== editing.baseEditable;

  const startEditing = () => {
    const text = objectToYaml(object, { mode: 'edit' });
    setEditing({ baseText: text, baseVersion: version, baseEditable: editable(object), draft: text });
    setFailure(undefined);
    setProblem(undefined);
    setSaved(undefined);
  };

  const stopEditing = () => {
    setEditing(undefined);
    setFailure(undefined);
    setProblem(undefined);
  };

  /**
   * The draft to send for the object's current version: when only status changed since the edit
   * started, the draft moves to the current resourceVersion; anything else keeps the edited one,
   * so the server refuses it (409) instead of overwriting someone's change.
   */
  const rebased = (draft: string, current: KubeObjectDto, base: Editing): string => {
    const currentVersion = current.metadata.resourceVersion;
    if (!currentVersion || currentVersion === base.baseVersion || editable(current) !== base.baseEditable) return draft;
    return replaceScalar(draft, 'metadata.resourceVersion', currentVersion) ?? draft;
  };

  const save = async () => {
    if (!editing) return;
    const text = editing.draft;
    setSaving(true);
    setFailure(undefined);
    setProblem(undefined);
    try {
      let written;
      try {
        written = await saveObjectYaml(kind, ws, name, rebased(text, object, editing));
      } catch (error) {
        // Fleet may have written status between our last update and the save: read the object
        // again and, if still only status changed, send once more.
        if (!(error instanceof YamlSaveError) || error.code !== 'conflict') throw error;
        const fresh = (await apiGet(`/api/v1/workspaces/${encodeURIComponent(ws)}/${kind}/${encodeURIComponent(name)}?limit=1`, objectDetailSchema)).object;
        if (editable(fresh) !== editing.baseEditable) throw error;
        written = await saveObjectYaml(kind, ws, name, rebased(text, fresh, editing));
      }
      setEditing(undefined);
      setSaved(`Saved. ${one} ${name} is now at version ${written.object.metadata.resourceVersion ?? '?'}.`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: fleetKeys.detail(kind, ws, name) }),
        queryClient.invalidateQueries({ queryKey: fleetKeys.inWorkspace(kind, ws) }),
      ]);
    } catch (error) {
      if (error instanceof YamlSaveError) {
        setFailure({ message: error.message, code: error.code, field: error.field, line: error.line });
        if (error.field || error.line !== undefined) {
          const located = error.field && error.field !== 'yaml' ? locateField(text, error.field) : undefined;
          setProblem({ message: error.message, field: error.field, line: error.line, column: error.column, text, valueSource: located?.exact ? located.valueSource : undefined });
        }
      } else {
        setFailure({ message: error instanceof Error ? error.message : String(error), code: 'internal' });
      }
    } finally {
      setSaving(false);
    }
  };

  const shownLine = problemLine ?? failure?.line;
  const label = editing ? `Edit the YAML of ${one} ${name}` : `YAML of ${one} ${name}`;

  return (
    <section aria-label="YAML" className="space-y-3" data-testid="yaml-panel">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="text-sm text-slate-600 dark:text-slate-400">
          {editing ? (
            <>Editing version {editing.baseVersion}. Status is left out: Fleet writes it, and it cannot be edited.</>
          ) : (
            <>
              Version {version}. <span className="hidden sm:inline">Updates by itself while you watch.</span>
            </>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {editing ? (
            <>
              <Button variant="secondary" onClick={stopEditing} disabled={saving}>
                Cancel
              </Button>
              <Button variant="primary" onClick={() => void save()} disabled={editing.draft === editing.baseText} pending={saving} data-testid="yaml-save">
                Save
              </Button>
            </>
          ) : (
            <>
              <label htmlFor={cleanId} className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
                <input id={cleanId} type="checkbox" checked={clean} onChange={(event) => setClean(event.target.checked)} className="size-3.5 accent-brand-600" />
                Download without status and server fields
              </label>
              <span className="inline-flex items-center rounded-lg ring-1 ring-slate-300 ring-inset dark:ring-slate-700">
                <CopyButton value={viewText} label="Copy YAML" className="m-0.5" />
              </span>
              <Button variant="secondary" onClick={() => download(`${name}.yaml`, clean ? objectToYaml(object, { mode: 'clean' }) : viewText)} data-testid="yaml-download">
                Download
              </Button>
              <Button variant="primary" onClick={startEditing} disabled={!canUpdate.allowed} title={canUpdate.reason} data-testid="yaml-edit">
                Edit YAML
              </Button>
              {canUpdate.reason ? (
                <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="access-reason">
                  {canUpdate.reason}
                </span>
              ) : null}
            </>
          )}
        </div>
      </div>

      {note && editing ? <Callout bucket="pending">{note}</Callout> : null}
      {saved && !editing ? (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300" data-testid="yaml-saved">
          {saved}
        </p>
      ) : null}
      {changedMeanwhile ? (
        <Callout bucket="warning" title={`${one} ${name} changed on the cluster since you started editing`} testId="yaml-changed">
          <p>
            Saving will be refused so that the other change is not lost. Copy what you changed, load the latest version (version {version}), and make your change again.
          </p>
          <Button variant="secondary" className="mt-2" size="sm" onClick={startEditing}>
            Load latest (discards your edits)
          </Button>
        </Callout>
      ) : null}
      {failure ? (
        <Callout
          bucket="error"
          title={failure.code === 'conflict' ? 'Not saved: it changed since you loaded it' : shownLine !== undefined ? `Not saved: problem at line ${shownLine}` : 'Not saved'}
          testId="yaml-error"
        >
          <p>{failure.message}</p>
          {failure.code === 'conflict' ? (
            <Button variant="secondary" className="mt-2" size="sm" onClick={startEditing}>
              Load latest (discards your edits)
            </Button>
          ) : null}
        </Callout>
      ) : null}

      <YamlEditor
        value={editing ? editing.draft : viewText}
        readOnly={!editing}
        label={label}
        problem={editing ? problem : undefined}
        onProblemLine={setProblemLine}
        onChange={editing ? (draft) => setEditing((current) => (current ? { ...current, draft } : current)) : undefined}
      />
    </section>
  );
}
