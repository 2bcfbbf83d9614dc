'use client';

import { create } from 'zustand';

import type { ClusterGroupRow, ClusterRow, GitRepoRow } from '@/lib/api/schemas';

/** The action dialogs of the list pages; one is open at a time. */
export type ActionDialog =
  | { type: 'gitrepo-force'; rows: GitRepoRow[]; onDone?(): void }
  | { type: 'gitrepo-delete'; rows: GitRepoRow[]; onDone?(): void }
  | { type: 'cluster-labels'; rows: [ClusterRow]; onDone?(): void }
  | { type: 'cluster-force'; rows: ClusterRow[]; onDone?(): void }
  | { type: 'cluster-move'; rows: ClusterRow[]; onDone?(): void }
  | { type: 'clustergroup-delete'; rows: ClusterGroupRow[]; onDone?(): void };

interface DialogState {
  /** The last dialog asked for; kept after closing so it can animate out and give focus back. */
  dialog?: ActionDialog;
  open: boolean;
  /** Grows with every opening: each one starts with fresh form state. */
  session: number;
  show(dialog: ActionDialog): void;
  close(): void;
}

/**
 * Rows ask for a dialog; one host per list renders it. A page of 500 rows then holds one dialog
 * (and one set of queries), not 500.
 */
export const useActionDialog = create<DialogState>()((set) => ({
  dialog: undefined,
  open: false,
  session: 0,
  show: (dialog) => set((state) => ({ dialog, open: true, session: state.session + 1 })),
  close: () => set({ open: false }),
}));

export const showDialog = (dialog: ActionDialog) => useActionDialog.getState().show(dialog);
