import { defineConfig } from 'vite';

// The service serves web/dist itself (src/session/web-ui.ts); `npm run dev` proxies the API to it.
export default defineConfig({
  root: __dirname,
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 900 },
  server: {
    port: 3013,
    proxy: { '/api': 'http://127.0.0.1:3000', '/dev-idp': 'http://127.0.0.1:3000' },
  },
});
