import type { Metadata } from 'next';

import { GitRepoWizardPage } from '@/components/wizard/wizard-page';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ ws: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `Edit ${name} · Git Repo` };
}

/** `/w/{ws}/gitrepos/{name}/edit`: the wizard on an existing GitRepo. */
export default async function EditGitRepoPage({ params, searchParams }: Props) {
  const { ws, name } = await params;
  const { field } = await searchParams;
  return <GitRepoWizardPage ws={ws} mode="edit" source={name} field={typeof field === 'string' ? field : undefined} />;
}
