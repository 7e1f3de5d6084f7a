// Builds every Custom UI surface (a folder of static/ with index.html) and the local host's
// browser script (static/host → static/host/dist/host.js). Part of `npm run build`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const staticDir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const surfaces = fs
  .readdirSync(staticDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(staticDir, d.name, 'index.html')))
  .map((d) => d.name)
  .filter((name) => only.length === 0 || only.includes(name));

const started = Date.now();
const failed = [];
// One broken surface does not stop the others (or the host script) from building; the exit code says it.
const attempt = async (name, run) => {
  try {
    await run();
  } catch (e) {
    failed.push(name);
    console.error(`static/${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
};
for (const name of surfaces) {
  await attempt(name, () =>
    build({ configFile: path.join(staticDir, 'vite.config.mts'), root: path.join(staticDir, name) }),
  );
}
if (only.length === 0 || only.includes('host')) {
  await attempt('host', () =>
    build({
      configFile: false,
      logLevel: 'warn',
      build: {
        outDir: path.join(staticDir, 'host', 'dist'),
        emptyOutDir: true,
        target: 'es2022',
        reportCompressedSize: false,
        lib: {
          entry: path.join(staticDir, 'host', 'host.ts'),
          formats: ['iife'],
          name: 'RunwayHost',
          fileName: () => 'host.js',
        },
      },
    }),
  );
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failed.length > 0) {
  console.error(`Custom UI build failed for ${failed.join(', ')} (${seconds} s)`);
  process.exitCode = 1;
} else {
  console.log(
    `Built ${surfaces.length} surface(s) [${surfaces.join(', ')}] and the host script in ${seconds} s`,
  );
}
