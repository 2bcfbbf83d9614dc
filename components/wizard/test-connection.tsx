'use client';

/**
 * "Test connection": the BFF runs `git ls-remote` with the URL, credentials and TLS settings as
 * typed so far, and answers with the branches and tags (which then fill the branch picker) or
 * with git's own error, shown verbatim.
 */
import { useMutation } from '@tanstack/react-query';

import { Button } from '@/components/ui/button';
import { apiSend } from '@/lib/api/client';
import { lsRemoteResultSchema, type LsRemoteAuth, type LsRemoteBody, type LsRemoteResult } from '@/lib/api/schemas';
import { encodeBase64, type GitRepoForm } from '@/lib/gitrepo-form/form-state';
import { checkRepoUrl } from '@/lib/gitrepo-form/repo-url';

function authOf(form: GitRepoForm): LsRemoteAuth | undefined {
  const choice = form.clientSecret;
  if (choice.mode === 'existing' && choice.existingName) return { type: 'secret', name: choice.existingName };
  if (choice.mode === 'basic-auth') return { type: 'basic-auth', username: choice.username, password: choice.password };
  if (choice.mode === 'ssh-auth') return { type: 'ssh-auth', privateKey: choice.privateKey, ...(choice.knownHosts ? { knownHosts: choice.knownHosts } : {}) };
  return undefined;
}

export function lsRemoteBody(form: GitRepoForm): LsRemoteBody {
  const auth = authOf(form);
  return {
    repo: form.repo.trim(),
    ...(auth ? { auth } : {}),
    ...(form.tlsMode === 'ca' && form.caBundle.trim() ? { caBundle: encodeBase64(form.caBundle) } : {}),
    ...(form.tlsMode === 'skip' ? { insecureSkipTLSVerify: true } : {}),
  };
}

export function useTestConnection(ws: string) {
  return useMutation({
    mutationFn: async (form: GitRepoForm): Promise<LsRemoteResult> =>
      lsRemoteResultSchema.parse(await apiSend('POST', `/api/v1/workspaces/${encodeURIComponent(ws)}/git/ls-remote`, lsRemoteBody(form))),
  });
}

export function TestConnection({ form, test, onUrlProblem }: { form: GitRepoForm; test: ReturnType<typeof useTestConnection>; onUrlProblem(problem: string): void }) {
  const result = test.data;
  return (
    <div className="space-y-2" data-testid="test-connection">
      <Button
        variant="secondary"
        icon="refresh"
        pending={test.isPending}
        onClick={() => {
          const problem = checkRepoUrl(form.repo);
          if (problem) onUrlProblem(problem);
          else test.mutate(form);
        }}
      >
        Test connection
      </Button>
      <div role="status" aria-live="polite">
        {test.isPending ? <p className="text-sm text-slate-600 dark:text-slate-400">Running git ls-remote…</p> : null}
        {!test.isPending && result?.ok ? (
          <p className="text-sm text-emerald-800 dark:text-emerald-300" data-testid="connection-ok">
            Connected: {result.branches.length} {result.branches.length === 1 ? 'branch' : 'branches'}, {result.tags.length} {result.tags.length === 1 ? 'tag' : 'tags'}. Pick one below.
          </p>
        ) : null}
      </div>
      {!test.isPending && result && !result.ok ? (
        <div role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm dark:border-rose-800 dark:bg-rose-950" data-testid="connection-error">
          <p className="font-medium text-rose-800 dark:text-rose-200">git could not reach the repository:</p>
          <pre className="mt-1 font-mono text-xs break-words whitespace-pre-wrap text-rose-900 dark:text-rose-100">{result.error}</pre>
        </div>
      ) : null}
      {!test.isPending && test.error ? (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300" data-testid="connection-error">
          {test.error.message}
        </p>
      ) : null}
    </div>
  );
}
