import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';

import { Providers, THEME_BOOTSTRAP_SCRIPT } from '@/components/providers';

import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Fleet Deck', template: '%s · Fleet Deck' },
  description: 'A dashboard for GitOps at scale on Rancher Fleet.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8fafc' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOTSTRAP_SCRIPT }} />
      </head>
      <body className="min-h-dvh font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
