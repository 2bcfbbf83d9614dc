'use client';

/**
 * Choosing credentials (git or Helm): none, an existing Secret of the workspace (by name and
 * type — the BFF never sends Secret data), or a new HTTP basic-auth or SSH key Secret that the
 * BFF creates right before the GitRepo (and removes again if the GitRepo is refused).
 */
import { TextField } from '@/components/ui/text-field';
import type { SecretSummary } from '@/lib/api/schemas';
import type { SecretChoice, SecretMode } from '@/lib/gitrepo-form/form-state';

import { SelectField, TextArea } from './fields';

export function SecretFields({
  id,
  label,
  choice,
  onChange,
  secrets,
  secretsError,
  errors,
  noneHint,
}: {
  id: string;
  label: string;
  choice: SecretChoice;
  onChange(choice: SecretChoice): void;
  secrets: SecretSummary[];
  secretsError?: string;
  errors: Record<string, string>;
  noneHint: string;
}) {
  const set = (patch: Partial<SecretChoice>) => onChange({ ...choice, ...patch });
  const known = secrets.some((secret) => secret.name === choice.existingName);
  return (
    <div className="space-y-3">
      <SelectField
        id={`${id}-mode`}
        label={label}
        value={choice.mode}
        onChange={(event) => set({ mode: event.target.value as SecretMode })}
        hint={choice.mode === 'none' ? noneHint : choice.mode === 'basic-auth' || choice.mode === 'ssh-auth' ? 'Created as a Secret (auth-…) in this workspace just before the Git repo; removed again if the Git repo is refused.' : undefined}
      >
        <option value="none">None</option>
        <option value="existing">An existing Secret</option>
        <option value="basic-auth">New HTTP basic auth Secret (username and password or token)</option>
        <option value="ssh-auth">New SSH key Secret</option>
      </SelectField>
      {choice.mode === 'existing' ? (
        <SelectField
          id={`${id}-existing`}
          label="Secret"
          value={choice.existingName}
          error={errors.existingName ?? secretsError}
          onChange={(event) => set({ existingName: event.target.value })}
          hint="Only names and types are shown; the Secret's content stays on the cluster."
        >
          <option value="">Choose a Secret…</option>
          {choice.existingName && !known ? <option value={choice.existingName}>{choice.existingName} (not found in this workspace)</option> : null}
          {secrets.map((secret) => (
            <option key={secret.name} value={secret.name}>
              {secret.name} ({secret.type})
            </option>
          ))}
        </SelectField>
      ) : null}
      {choice.mode === 'basic-auth' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField id={`${id}-username`} label="Username" autoComplete="off" value={choice.username} error={errors.username} onChange={(event) => set({ username: event.target.value })} />
          <TextField
            id={`${id}-password`}
            label="Password or personal access token"
            type="password"
            autoComplete="new-password"
            value={choice.password}
            error={errors.password}
            onChange={(event) => set({ password: event.target.value })}
          />
        </div>
      ) : null}
      {choice.mode === 'ssh-auth' ? (
        <div className="space-y-3">
          <TextArea id={`${id}-private-key`} label="Private key (PEM, without passphrase)" mono spellCheck={false} value={choice.privateKey} error={errors.privateKey} onChange={(event) => set({ privateKey: event.target.value })} />
          <TextArea id={`${id}-public-key`} label="Public key (optional)" mono spellCheck={false} value={choice.publicKey} onChange={(event) => set({ publicKey: event.target.value })} />
          <TextArea
            id={`${id}-known-hosts`}
            label="Known hosts (optional)"
            mono
            spellCheck={false}
            value={choice.knownHosts}
            onChange={(event) => set({ knownHosts: event.target.value })}
            hint="known_hosts lines of the Git server. Fleet checks host keys strictly: without them only hosts in Fleet's known-hosts ConfigMap are trusted."
          />
        </div>
      ) : null}
    </div>
  );
}

/** Errors of one secret choice (`clientSecret.password` → `password`). */
export function secretErrors(errors: Record<string, string>, key: 'clientSecret' | 'helmSecret'): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).flatMap(([field, message]) => (field.startsWith(`${key}.`) ? [[field.slice(key.length + 1), message]] : [])));
}
