'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { describeError } from '@/components/ui/error-state';
import { TextField } from '@/components/ui/text-field';
import { apiSend, ApiClientError } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import type { WorkspaceCreated } from '@/lib/api/schemas';

import { workspaceNameProblem } from './workspace-name';

const FORM_ID = 'create-workspace-form';

/**
 * "Create workspace": one name field checked as you type (a DNS-1123 label, not taken), and
 * the BFF's answer shown at the field it names (e.g. a namespace of that name already exists).
 */
export function CreateWorkspaceDialog({ open, onClose, existing, onCreated }: { open: boolean; onClose(): void; existing: readonly string[]; onCreated(name: string): void }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (name: string) => apiSend<WorkspaceCreated>('POST', '/api/v1/workspaces', { name }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: fleetKeys.workspaces() });
      onCreated(created.name);
    },
  });
  return (
    <Dialog
      open={open}
      onClose={() => {
        mutation.reset();
        onClose();
      }}
      dismissable={!mutation.isPending}
      title="Create workspace"
      description="A workspace is a namespace on the management cluster for one team's Git Repos, clusters and cluster groups."
      testId="create-workspace-dialog"
    >
      <CreateForm existing={existing} mutation={mutation} onCancel={onClose} />
    </Dialog>
  );
}

function CreateForm({
  existing,
  mutation,
  onCancel,
}: {
  existing: readonly string[];
  mutation: { mutate(name: string): void; isPending: boolean; error: unknown; reset(): void };
  onCancel(): void;
}) {
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const [submitted, setSubmitted] = useState<string | undefined>();
  const problem = workspaceNameProblem(name, existing);
  const serverError = mutation.error && submitted === name ? mutation.error : undefined;
  const fieldError =
    serverError instanceof ApiClientError && (serverError.field === 'name' || serverError.field?.startsWith('name')) ? serverError.message.replace(/^name: /, '') : undefined;
  const formError = serverError && !fieldError ? describeError(serverError) : undefined;
  const shownProblem = touched ? (problem ?? fieldError) : undefined;

  return (
    <form
      id={FORM_ID}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (problem || mutation.isPending) return;
        setSubmitted(name);
        mutation.mutate(name);
      }}
      className="space-y-4"
    >
      <TextField
        label="Name"
        name="name"
        value={name}
        mono
        autoComplete="off"
        spellCheck={false}
        maxLength={253}
        onChange={(event) => {
          setName(event.target.value);
          setTouched(true);
        }}
        error={shownProblem}
        hint="Lowercase letters, digits and “-”, starting and ending with a letter or digit; at most 63 characters. It cannot be changed later."
      />
      {formError ? (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-900 dark:bg-rose-950/50 dark:text-rose-100">
          {formError.message} <span className="font-mono text-xs">({formError.code})</span>
        </p>
      ) : null}
      <div className="-mx-5 -mb-4 flex justify-end gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-800">
        <Button variant="secondary" onClick={onCancel} disabled={mutation.isPending}>
          Cancel
        </Button>
        <Button type="submit" pending={mutation.isPending} disabled={touched && problem !== undefined}>
          Create workspace
        </Button>
      </div>
    </form>
  );
}
