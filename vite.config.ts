import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRoot = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** The browser UI: sources in src/ui, built into dist/ui, which the server serves. */
export default defineConfig({
  root: fromRoot('./src/ui'),
  plugins: [react()],
  resolve: {
    alias: { '#shared': fromRoot('./src/shared') },
  },
  build: {
    outDir: fromRoot('./dist/ui'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
