import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * electron-vite's custom layout: main and preload in electron/, the vault worker from src/core, the React
 * renderer in src/renderer. Output in out/. No dev server is used by the packaged app.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundled rather than packed: the vault worker uses only its English word list (fingerprint words), and
      // the package with all its word lists and hashes would cost the installer more than half a megabyte.
      externalizeDeps: { exclude: ['@scure/bip39'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          worker: resolve(__dirname, 'src/core/worker/host.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Everything ships inside the app: no CDN, no remote fonts, no source maps with content.
      sourcemap: false,
      assetsInlineLimit: 0,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
