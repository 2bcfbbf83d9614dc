'use client';

import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type ThemePreference = 'system' | 'light' | 'dark';
export type Density = 'comfortable' | 'compact';

interface PreferencesState {
  theme: ThemePreference;
  density: Density;
  lastWorkspace?: string;
  setTheme(theme: ThemePreference): void;
  setDensity(density: Density): void;
  setLastWorkspace(workspace: string): void;
}

/** UI preferences only — never server data, which lives in react-query's cache. */
export const usePreferences = create<PreferencesState>()(
  persist(
    (set) => ({
      theme: 'system',
      density: 'comfortable',
      lastWorkspace: undefined,
      setTheme: (theme) => set({ theme }),
      setDensity: (density) => set({ density }),
      setLastWorkspace: (lastWorkspace) => set({ lastWorkspace }),
    }),
    { name: 'fleet-deck.preferences', storage: createJSONStorage(() => localStorage), version: 1 },
  ),
);
