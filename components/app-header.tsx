import Link from 'next/link';
import type { ReactNode } from 'react';

import { Logo } from './logo';

export function AppHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-950/80">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2.5 rounded-md font-semibold tracking-tight">
          <Logo />
          <span className="text-lg">Fleet Deck</span>
        </Link>
        {children}
      </div>
    </header>
  );
}
