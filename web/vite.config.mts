import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The service serves web/dist itself (src/session/web-ui.ts); `npm run dev:web` serves web/ with hot reload
// and proxies the API and the development provider to a service on port 3000 (cookies are shared across ports).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 900 },
  server: {
    port: 3013,
    proxy: { '/api': 'http://127.0.0.1:3000', '/dev-idp': 'http://127.0.0.1:3000' },
  },
});
