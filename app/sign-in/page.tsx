import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

import { AppHeader } from '@/components/app-header';
import { SignInForm } from '@/components/auth/sign-in-form';
import { authMode } from '@/server/auth/mode';
import { currentPageSession, safeNext } from '@/server/auth/page';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in' };

/**
 * `/sign-in?next=/w/…`: team mode's door. A person pastes a Kubernetes bearer token; the BFF checks
 * it with the API server and keeps it in an encrypted httpOnly cookie. In local mode, and when
 * already signed in, it sends the browser straight on.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).next;
  const next = safeNext(typeof raw === 'string' ? raw : undefined);
  if (authMode() === 'none' || (await currentPageSession())) redirect(next);
  return (
    <>
      <AppHeader />
      <main className="mx-auto flex max-w-md flex-col px-4 py-12 sm:px-6">
        <h1 className="mb-2 text-2xl font-semibold tracking-tight">Sign in to Fleet Deck</h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
          Fleet Deck shows and changes only what your Kubernetes RBAC allows. Paste a bearer token for the management cluster.
        </p>
        <SignInForm next={next} />
      </main>
    </>
  );
}
