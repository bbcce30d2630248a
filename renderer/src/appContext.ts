/**
 * What every screen needs: the API client, the autosave queue and navigation. Provided once
 * by App.
 */
import { createContext, useContext } from 'react';
import type { RendererClient } from './api/client';
import type { SaveQueue } from './save/saveQueue';
import type { Route } from './router';

export type AppServices = {
  client: RendererClient;
  queue: SaveQueue;
  /** Navigates after every pending save has been sent. */
  navigate(route: Route): void;
};

export const AppContext = createContext<AppServices | null>(null);

/** The app's services; only valid inside App. */
export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp is used outside the App provider.');
  return services;
}
