import { defineConfig, type Plugin } from 'vitest/config';

// The backend (Quarkus) serves dist/ at / through Quinoa; in development Vite serves the console
// and forwards the API, including the live WebSocket, to the backend.
const backend = process.env.BACKEND_URL ?? 'http://localhost:8080';

// Defence in depth against script injection: only our own bundled scripts may run, whatever text
// ends up in the page. Added to the built page only (the dev server injects inline styles).
// Tiles come from a URL the backend configures at run time, hence images from any http(s) origin.
const contentSecurityPolicy: Plugin = {
  name: 'baochay-csp',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: {
        'http-equiv': 'Content-Security-Policy',
        content: [
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data: blob: http: https:",
          "connect-src 'self'",
          "object-src 'none'",
          "base-uri 'self'",
          "form-action 'self'",
        ].join('; '),
      },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  base: '/',
  plugins: [contentSecurityPolicy],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  server: {
    proxy: {
      '/api': { target: backend, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    target: 'es2022',
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
