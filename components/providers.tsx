'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';

import '@/lib/zod-jitless';
import { makeQueryClient } from '@/lib/api/query-client';
import { usePreferences } from '@/lib/stores/preferences';

/** Applies the theme preference to <html>, following the system when set to "system". */
function ThemeSync() {
  const theme = usePreferences((s) => s.theme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && media.matches);
      document.documentElement.classList.toggle('dark', dark);
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ThemeSync />
      {children}
    </QueryClientProvider>
  );
}

/**
 * Runs before the first paint so a dark-theme user never sees a white flash: reads the persisted
 * preference (same key as the zustand store) and sets the class.
 */
export const THEME_BOOTSTRAP_SCRIPT = `(() => { try {
  const stored = JSON.parse(localStorage.getItem('fleet-deck.preferences') || '{}');
  const theme = (stored.state && stored.state.theme) || 'system';
  const dark = theme === 'dark' || (theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
} catch (e) {} })();`;
