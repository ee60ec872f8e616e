import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// `npm run dev` serves the app with hot reload and sends everything else to a running
// Lanthorn (LANTHORN_DEV_BACKEND, default http://127.0.0.1:4466), WebSockets included.
const backend = process.env['LANTHORN_DEV_BACKEND'] ?? 'http://127.0.0.1:4466';
const toBackend = { target: backend, ws: true, changeOrigin: false };

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    proxy: {
      '/config': toBackend,
      '/clusters': toBackend,
      '/watch': toBackend,
      '/sign-out': toBackend,
      '/oidc': toBackend,
      '/oidc-callback': toBackend,
    },
  },
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  // Files load relative to index.html's <base href>, which Lanthorn sets to --base-url.
  base: './',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
  },
});
