'use client';

import { create } from 'zustand';

export type StreamState = 'connecting' | 'live' | 'down';

interface ConnectionState {
  /** The browser's SSE stream to the BFF. */
  stream: StreamState;
  /** The BFF's own watch connection to the cluster, as it reports it on the stream. */
  clusterConnected: boolean;
  setStream(stream: StreamState): void;
  setClusterConnected(connected: boolean): void;
}

export const useConnection = create<ConnectionState>()((set) => ({
  stream: 'connecting',
  clusterConnected: true,
  setStream: (stream) => set({ stream }),
  setClusterConnected: (clusterConnected) => set({ clusterConnected }),
}));
