import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const workspace = path.resolve(root, '../..');

/**
 * The web app. `vite build` writes dist/web, which the gateway serves on the API's own origin
 * (so the refresh cookie stays SameSite=Strict); `vite` alone is the dev server, proxying /api to
 * a gateway on :3000. Vitest runs the component tests with the same resolution.
 */
export default defineConfig({
  root,
  publicDir: path.join(root, 'public'),
  resolve: {
    alias: { '@arbor/contracts': path.join(workspace, 'libs/contracts/src/index.ts') },
  },
  build: {
    outDir: path.join(workspace, 'dist/web'),
    emptyOutDir: true,
    // Safari 15 (iOS 15) and up: every browser a practice's clients are likely to have.
    target: ['es2022', 'safari15'],
    sourcemap: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'],
    setupFiles: [path.join(root, 'src/test/setup.ts')],
    reporters: ['default', path.join(workspace, 'tools/vitest/summary-reporter.mjs')],
    css: false,
    // userEvent types key by key: a long form on a loaded 2-core CI machine takes seconds.
    testTimeout: 15_000,
  },
  plugins: [react()],
});
