import { lsRemoteBodySchema, workspacePathParamsSchema } from '@/lib/api/schemas';
import { decodeBase64 } from '@/lib/gitrepo-form/form-state';
import { readGitCredentials } from '@/server/actions/secrets';
import { lsRemote, type GitCredentials } from '@/server/git/ls-remote';
import { BffError } from '@/server/http/errors';
import { route } from '@/server/http/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// POST /api/v1/workspaces/{ws}/git/ls-remote – "Test connection": the branches and tags git sees, or git's error
export const POST = route(
  { name: 'POST /api/v1/workspaces/{ws}/git/ls-remote', params: workspacePathParamsSchema, body: lsRemoteBodySchema, mutation: true },
  async ({ params, body, bff }) => {
    if (!bff.cache.workspaceExists(params.ws)) throw new BffError('not_found', `Workspace "${params.ws}" does not exist`, 'ws');
    const auth = body.auth;
    const credentials: GitCredentials | undefined =
      auth === undefined ? undefined : auth.type === 'secret' ? await readGitCredentials(bff.kube.kc, params.ws, auth.name) : auth;
    return lsRemote({
      repo: body.repo.trim(),
      credentials,
      caBundle: body.caBundle ? decodeBase64(body.caBundle) : undefined,
      insecureSkipTLSVerify: body.insecureSkipTLSVerify,
    });
  },
);
