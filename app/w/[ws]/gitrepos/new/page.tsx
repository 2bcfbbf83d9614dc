import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { GitRepoWizardPage } from '@/components/wizard/wizard-page';
import { editGitRepoHref } from '@/lib/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Add Git Repo' };

interface Props {
  params: Promise<{ ws: string }>;
  searchParams: Promise<{ clone?: string | string[]; edit?: string | string[] }>;
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** `/w/{ws}/gitrepos/new` (a static segment, so it wins over `[name]`); `?clone={name}` prefills a copy. */
export default async function NewGitRepoPage({ params, searchParams }: Props) {
  const { ws } = await params;
  const query = await searchParams;
  const edit = one(query.edit);
  // Older links (`new?edit=x`) go to the edit page.
  if (edit) redirect(editGitRepoHref(ws, edit));
  const clone = one(query.clone);
  return <GitRepoWizardPage ws={ws} mode={clone ? 'clone' : 'create'} source={clone} />;
}
