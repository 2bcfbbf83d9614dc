/** The gitjob controller and what it is made of (see each module for details). */
export {
  createGitJobController,
  DEFAULT_POLLING_INTERVAL_MS,
  GITJOB_CONTROLLER_NAME,
  pollingIntervalMs,
  type GitJobController,
  type GitJobControllerOptions,
  type GitOperations,
} from './gitjob-controller';
export { readBundles, BundleReadError, type BundleDraft, type ReadBundlesOptions } from './bundle-reader';
export { renderBundleObjects, RenderError, type RenderContext, type RenderedObject } from './render';
export { checkout, lsRemote, resolveCommit, GitError, type GitAuth, type RemoteRefs } from './git';
export { createWebhookHandler, handleWebhook, type WebhookResult } from './webhook';
