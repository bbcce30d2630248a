/**
 * The preload bridge (sandboxed, CommonJS): exposes exactly one object, `window.referat`,
 * to the renderer. It forwards API calls to the main process and nothing else; the renderer
 * never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { ApiClient } from '../common/contract/api';

/** What the renderer finds at `window.referat` in Electron (absent in browser mode). */
export type ReferatBridge = ApiClient & {
  /** Always 'electron': lets the renderer pick this transport over HTTP. */
  readonly transport: 'electron';
};

const bridge: ReferatBridge = {
  transport: 'electron',
  call: (name, input) => ipcRenderer.invoke('referat:call', name, input),
};

contextBridge.exposeInMainWorld('referat', bridge);
