import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ALL_WORKSPACES } from '@/lib/api/schemas';
import { dashboardHref, DEFAULT_WORKSPACE, sectionHref } from '@/lib/routes';

/** What a /w/{ws}/… page shows when {ws} is not a workspace (deleted, or a typo in the link). */
export function WorkspaceNotFound({ ws }: { ws: string }) {
  return (
    <div data-testid="workspace-not-found">
      <EmptyState
        headingLevel={1}
        icon="workspaces"
        title={<>There is no workspace named “{ws}”</>}
        message="It may have been deleted, or the link has a typo. Pick another workspace above, or see them all."
        action={
          <>
            <ButtonLink href={sectionHref(ALL_WORKSPACES, 'workspaces')} icon="workspaces">
              See all workspaces
            </ButtonLink>
            <ButtonLink href={dashboardHref(DEFAULT_WORKSPACE)} variant="secondary">
              Go to {DEFAULT_WORKSPACE}
            </ButtonLink>
          </>
        }
      />
    </div>
  );
}
