import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI is served by the API server itself (same origin: the session cookie just works).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000' } },
});
