/**
 * Vite configuration of the renderer (React). Used by `scripts/build.mjs` and by `npx vite`
 * for renderer development. The main and preload bundles are configured in the build script.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./out/renderer', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs: the same build is served by the HTTP host (/) and by app:// in Electron.
  base: './',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    // The CSP forbids inline scripts and data: fonts; keep every asset a separate file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
  },
});
