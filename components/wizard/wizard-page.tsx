'use client';

/**
 * The page around the wizard: for Edit and Clone it loads the source GitRepo through the BFF first
 * (the same detail endpoint as its page), then starts the wizard with it.
 */
import { useQuery } from '@tanstack/react-query';

import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { apiGet } from '@/lib/api/client';
import { gitRepoDetailSchema } from '@/lib/api/schemas';
import { cloneGitRepoForm, emptyGitRepoForm, fromGitRepo, type GitRepoObject } from '@/lib/gitrepo-form/form-state';
import { formKeyOfField, stepOf } from '@/lib/gitrepo-form/validate';

import { GitRepoWizard } from './gitrepo-wizard';

const enc = encodeURIComponent;

/**
 * `field` (a GitRepo spec field such as `clientSecretName`, from a troubleshooting hint) opens the
 * wizard on the step that edits it.
 */
export function GitRepoWizardPage({ ws, mode, source, field }: { ws: string; mode: 'create' | 'edit' | 'clone'; source?: string; field?: string }) {
  const loaded = useQuery({
    queryKey: ['wizard', 'source', ws, source],
    queryFn: () => apiGet(`/api/v1/workspaces/${enc(ws)}/gitrepos/${enc(source!)}?limit=1`, gitRepoDetailSchema),
    enabled: Boolean(source),
    staleTime: Infinity,
    gcTime: 0,
  });
  const title = mode === 'edit' ? `Edit ${source}` : mode === 'clone' ? `Clone ${source}` : 'Add Git Repo';
  const description =
    mode === 'edit'
      ? `Change where Fleet reads this repository and where it deploys it in ${ws}. Fields this form does not show are kept.`
      : mode === 'clone'
        ? `A copy of ${source} under a new name in ${ws}.`
        : `Tell Fleet where your manifests live and which clusters of ${ws} get them.`;
  let body;
  if (source && loaded.isPending) body = <Skeleton className="h-64 w-full max-w-4xl" />;
  else if (source && (loaded.error || !loaded.data)) body = <ErrorState title={`Could not load Git repo ${source}`} error={loaded.error} onRetry={() => void loaded.refetch()} />;
  else {
    const object = loaded.data?.object as GitRepoObject | undefined;
    const initial = !object ? emptyGitRepoForm() : mode === 'clone' ? cloneGitRepoForm(object) : fromGitRepo(object);
    if (!object && ws === 'fleet-local') initial.targetMode = 'none';
    const startAt = field ? stepOf(formKeyOfField(`spec.${field}`, initial)) : undefined;
    body = <GitRepoWizard key={`${mode}-${source ?? ''}`} ws={ws} mode={mode === 'edit' ? 'edit' : 'create'} initial={initial} startAt={startAt} />;
  }
  return (
    <>
      <PageHeader title={title} description={description} />
      {body}
    </>
  );
}
