import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
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

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts puts this request's Content-Security-Policy nonce here; inline scripts need it to run.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_BOOTSTRAP_SCRIPT }} />
      </head>
      <body className="min-h-dvh font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
