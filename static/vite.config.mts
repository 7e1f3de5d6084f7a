// One Custom UI surface: static/<name>/index.html + main.tsx → static/<name>/dist, with relative
// asset paths (Forge serves each resource folder from its own URL). React 18's automatic JSX
// runtime through Vite's built-in oxc transform. static/build.mjs runs this for every surface
// (`root` = the surface folder); `npx vite build -c static/vite.config.mts static/<name>` builds one.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  logLevel: 'warn',
  resolve: {
    alias: [
      // zod without its JIT (no eval probe under Forge's CSP): see shared/zod.ts.
      { find: /^zod$/, replacement: fileURLToPath(new URL('./shared/zod.ts', import.meta.url)) },
      {
        find: /^@atlaskit\/feature-gate-js-client\/feature-gates$/,
        replacement: fileURLToPath(new URL('./shared/feature-gates.ts', import.meta.url)),
      },
    ],
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
  },
});
