import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * JSX goes through Vite's own esbuild (no React plugin: fast refresh is not worth another dependency here).
 * `npm run dev -w @askdata/web` proxies the API to a running `askdata serve` (ASKDATA_API, default :8787).
 */
export default defineConfig({
  root,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // Mantine marks its modules "use client" for React Server Components; a client bundle can ignore that.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/v1': { target: process.env.ASKDATA_API ?? 'http://127.0.0.1:8787', changeOrigin: false },
    },
  },
});
