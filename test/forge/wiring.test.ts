import fs from 'node:fs';
import path from 'node:path';
import { YamlValidator } from '@forge/manifest';
import {
  MANIFEST_PATH,
  ManifestShape,
  REPO_ROOT,
  collectRefs,
  functionHandlers,
  importedModules,
  resolverFunctionOf,
  sourceFilesUnder,
  surfaceModules,
  type Manifest,
} from './support/app';
import {
  keyConstantsOf,
  missingKeys,
  missingSharedKeys,
  scanDefinedKeys,
  scanInvokeKeys,
  type KeyConstants,
  type Source,
} from './support/keys';

// How the pieces connect: manifest handlers ↔ src/index.ts exports, modules ↔ functions and
// resources, static/ invoke keys ↔ resolver keys, and src/domain free of Forge.

// The manifest as Forge's own reader parses it (full validation: manifest.test.ts).
let manifest: Manifest;
beforeAll(async () => {
  const read = await new YamlValidator().validate({ filePath: MANIFEST_PATH });
  if (!read.success) throw new Error(`manifest.yml: ${(read.errors ?? []).map((e) => e.message).join('; ')}`);
  manifest = ManifestShape.parse(read.manifestObject?.yamlContent);
});

/**
 * Resources a Custom UI opens in Forge's Modal (`new Modal({ resource: 'key', … })` from
 * @forge/bridge): no module names them, the opener's module serves them (its resolver answers them).
 */
function modalResourcesOpenedIn(source: string): string[] {
  return [...source.matchAll(/new Modal\(\s*\{[^]*?\bresource:\s*['"]([\w-]+)['"]/g)].map((m) => m[1]);
}

function modalResourcesOf(resource: string): string[] {
  return sourceFilesUnder(path.join(REPO_ROOT, 'static', resource)).flatMap((file) =>
    modalResourcesOpenedIn(fs.readFileSync(file, 'utf8')),
  );
}

/** What src/index.ts exports at runtime, loaded the way Forge loads it. */
function indexExports(): Record<string, unknown> {
  return require(path.join(REPO_ROOT, 'src/index.ts'));
}

describe('manifest handlers and src/index.ts', () => {
  it('names every handler as index.<camelCaseExport>', () => {
    for (const [key, handler] of functionHandlers(manifest)) {
      expect({ key, handler }).toEqual({ key, handler: expect.stringMatching(/^index\.[a-z][A-Za-z0-9]*$/) });
    }
  });

  it('finds every manifest handler as an exported function of src/index.ts', () => {
    const exported = indexExports();
    const missing = [...functionHandlers(manifest)]
      .map(([key, handler]) => ({ key, name: handler.replace(/^index\./, '') }))
      .filter(({ name }) => typeof exported[name] !== 'function')
      .map(({ key, name }) => `${key} → index.${name} (${typeof exported[name]})`);
    expect(missing).toEqual([]);
  });

  it('exports nothing from src/index.ts that the manifest does not name', () => {
    const named = new Set([...functionHandlers(manifest).values()].map((h) => h.replace(/^index\./, '')));
    const extra = Object.keys(indexExports()).filter((name) => name !== '__esModule' && !named.has(name));
    expect(extra).toEqual([]);
  });
});

describe('modules, functions and resources', () => {
  it('declares every function a module refers to, and refers to every declared function', () => {
    const declared = new Set(functionHandlers(manifest).keys());
    const referenced = new Set(
      surfaceModules(manifest).flatMap(({ entry }) => collectRefs(entry, 'function')),
    );
    expect([...referenced].filter((key) => !declared.has(key))).toEqual([]);
    expect([...declared].filter((key) => !referenced.has(key))).toEqual([]);
  });

  it('keeps every resource at static/<key>/dist, the Vite build of static/<key>/', () => {
    for (const { key, path: resourcePath } of manifest.resources) {
      expect({ key, path: resourcePath }).toEqual({ key, path: `static/${key}/dist` });
    }
  });

  it('uses every declared resource in some module or a Modal it opens, and declares every resource used', () => {
    const declared = new Set(manifest.resources.map((r) => r.key));
    const byModules = surfaceModules(manifest).flatMap(({ entry }) => collectRefs(entry, 'resource'));
    const used = new Set([...byModules, ...byModules.flatMap(modalResourcesOf)]);
    expect([...used].filter((key) => !declared.has(key))).toEqual([]);
    expect([...declared].filter((key) => !used.has(key))).toEqual([]);
  });

  it('gives every Custom UI module a resolver function', () => {
    const withoutResolver = surfaceModules(manifest)
      .filter(({ entry }) => typeof entry.resource === 'string' && resolverFunctionOf(entry) === undefined)
      .map(({ type, entry }) => `${type} ${String(entry.key)}`);
    expect(withoutResolver).toEqual([]);
  });
});

describe('src/domain stays pure', () => {
  it('imports no @forge/* package in any file', () => {
    const offenders = sourceFilesUnder(path.join(REPO_ROOT, 'src/domain')).flatMap((file) =>
      importedModules(fs.readFileSync(file, 'utf8'))
        .filter((spec) => spec.startsWith('@forge/'))
        .map((spec) => `${path.relative(REPO_ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('(the import scan) sees every way a file can pull a module in, and not comments', () => {
    const source = [
      "import api from '@forge/api';",
      "import type { Queue } from '@forge/events';",
      "export * from '@forge/bridge';",
      "export { kvs } from '@forge/kvs';",
      "const r = require('@forge/resolver');",
      "const later = () => import('@forge/manifest');",
      "// import x from '@forge/in-a-comment';",
      "import { z } from 'zod';",
    ].join('\n');
    expect(importedModules(source).sort()).toEqual(
      [
        '@forge/api',
        '@forge/bridge',
        '@forge/events',
        '@forge/kvs',
        '@forge/manifest',
        '@forge/resolver',
        'zod',
      ].sort(),
    );
  });
});

/**
 * For each Custom UI resource: the resolver module whose `define` keys its `invoke` calls
 * must match. resource → module (resource, edit.resource or config.resource) → the
 * module's resolver function → its handler `index.X` → the file src/index.ts re-exports X from.
 */
function resolverFileByResource(): Map<string, string> {
  const indexSource = fs.readFileSync(path.join(REPO_ROOT, 'src/index.ts'), 'utf8');
  const fileOfExport = new Map<string, string>();
  for (const m of indexSource.matchAll(/export\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g)) {
    for (const name of m[1].split(',').map(
      (n) =>
        n
          .trim()
          .split(/\s+as\s+/)
          .pop() ?? '',
    )) {
      if (name !== '') fileOfExport.set(name, path.join(REPO_ROOT, 'src', `${m[2]}.ts`));
    }
  }
  // `export const X = wrapper(ns.Y)` with `import * as ns from './…'` (the licence wrappers).
  const namespaces = new Map(
    [...indexSource.matchAll(/import\s*\*\s*as\s+(\w+)\s+from\s*['"]([^'"]+)['"]/g)].map((m) => [m[1], m[2]]),
  );
  for (const m of indexSource.matchAll(
    /export\s+const\s+(\w+)\s*=\s*\w+\(\s*(?:['"][^'"]*['"]\s*,\s*)?(\w+)\.\w+\s*\)/g,
  )) {
    const from = namespaces.get(m[2]);
    if (from !== undefined) fileOfExport.set(m[1], path.join(REPO_ROOT, 'src', `${from}.ts`));
  }
  const handlers = functionHandlers(manifest);
  const byResource = new Map<string, string>();
  for (const { entry } of surfaceModules(manifest)) {
    const fn = resolverFunctionOf(entry);
    if (fn === undefined) continue;
    const exportName = (handlers.get(fn) ?? '').replace(/^index\./, '');
    const file = fileOfExport.get(exportName);
    if (file === undefined)
      throw new Error(`cannot find which file src/index.ts re-exports ${exportName} from`);
    for (const resource of collectRefs(entry, 'resource')) byResource.set(resource, file);
  }
  // A modal calls the resolver of the module that opened it.
  for (const [resource, file] of [...byResource])
    for (const modal of modalResourcesOf(resource)) if (!byResource.has(modal)) byResource.set(modal, file);
  return byResource;
}

/** Key constants exported by src/contracts (the only part of src/ that static/ imports). */
function contractKeyConstants(): KeyConstants {
  const contracts = path.join(REPO_ROOT, 'src/contracts/index.ts');
  return fs.existsSync(contracts) ? keyConstantsOf(require(contracts)) : new Map();
}

function readSource(file: string): Source {
  return { file: path.relative(REPO_ROOT, file), source: fs.readFileSync(file, 'utf8') };
}

describe('invoke keys in static/ and resolver keys', () => {
  it('maps every resource to the resolver module that serves it', () => {
    const map = resolverFileByResource();
    expect([...map.keys()].sort()).toEqual(manifest.resources.map((r) => r.key).sort());
    expect(path.relative(REPO_ROOT, map.get('playbook-config') ?? '')).toBe(
      path.join('src', 'resolvers', 'playbook.ts'),
    );
    expect(path.relative(REPO_ROOT, map.get('kpi-gadget-edit') ?? '')).toBe(
      path.join('src', 'resolvers', 'kpi-gadget.ts'),
    );
    expect(path.relative(REPO_ROOT, map.get('start-dialog') ?? '')).toBe(
      path.join('src', 'resolvers', 'implementations.ts'),
    );
  });

  it('defines every key that static/<resource>/ asks for in that resource’s resolver', () => {
    const constants = contractKeyConstants();
    const mismatches = [...resolverFileByResource()].flatMap(([resource, resolverFile]) =>
      missingKeys(
        sourceFilesUnder(path.join(REPO_ROOT, 'static', resource)).map(readSource),
        readSource(resolverFile),
        constants,
      ),
    );
    expect(mismatches).toEqual([]);
  });

  it('defines every key that shared static/ code asks for in the resolver that owns its key group', () => {
    const byResource = resolverFileByResource();
    const surfaceDirs = [...byResource.keys()].map((r) => path.join(REPO_ROOT, 'static', r) + path.sep);
    const shared = sourceFilesUnder(path.join(REPO_ROOT, 'static'))
      .filter((file) => !surfaceDirs.some((dir) => file.startsWith(dir)))
      .map(readSource);
    const resolvers = [...new Set(byResource.values())].map(readSource);
    expect(missingSharedKeys(shared, resolvers, contractKeyConstants())).toEqual([]);
  });

  it('(the Modal scan) finds the resource a Modal opens, over lines, and nothing else', () => {
    const source = [
      "await new Modal({\n  size: 'xlarge',\n  resource: 'start-dialog',\n  context,\n}).open();",
      'const m = new Modal({ resource: "other" });',
      "const x = { resource: 'not-a-modal' };",
    ].join('\n');
    expect(modalResourcesOpenedIn(source)).toEqual(['start-dialog', 'other']);
  });

  describe('the key scanner', () => {
    const constants = keyConstantsOf({
      GATE_KEYS: { signOff: 'signOff', evidence: 'evidence' },
      LIST_KEY: 'list',
      schema: {},
    });
    const view = [
      "import { invoke } from '@forge/bridge';",
      "const a = await invoke('list', { issueKey });",
      'const b = await invoke<Result>("signOff", payload);',
      'const c = await callResolver(GATE_KEYS.evidence, Payload, Data, payload);',
      'const d = await invoke(key, payload);',
      "// invoke('onlyInAComment')",
    ].join('\n');
    const resolver = [
      'resolver.define(LIST_KEY, async ({ payload }) => ({ ok: true, data: [] }));',
      'resolver.define<Payload, Result>(GATE_KEYS.evidence, handler);',
      "// resolver.define('signOff', …) is not written yet",
    ].join('\n');

    it('reads keys from literals and contract constants, with or without type arguments', () => {
      expect(scanInvokeKeys(view, constants)).toEqual({
        keys: [{ key: 'list' }, { key: 'signOff' }, { key: 'evidence', group: 'GATE_KEYS' }],
        dynamic: ['key'],
      });
      expect(scanDefinedKeys(resolver, constants).keys.map((k) => k.key)).toEqual(['list', 'evidence']);
    });

    it('reports a key that the surface’s resolver does not define, with the asking file', () => {
      expect(
        missingKeys(
          [{ file: 'static/stage-gates/src/App.tsx', source: view }],
          { file: 'r.ts', source: resolver },
          constants,
        ),
      ).toEqual([{ file: 'static/stage-gates/src/App.tsx', key: 'signOff', reason: 'not defined in r.ts' }]);
    });

    it('reports nothing when every key is defined', () => {
      const complete = { file: 'r.ts', source: `${resolver}\nresolver.define('signOff', h);` };
      expect(missingKeys([{ file: 'x.tsx', source: view }], complete, constants)).toEqual([]);
    });

    it('holds shared code to the resolver that owns the key group, and reports a group nobody owns', () => {
      const shared = [
        { file: 'static/shared/resolvers.ts', source: 'callResolver(GATE_KEYS.signOff, P, D, p);' },
      ];
      const owner = {
        file: 'src/resolvers/stage-gates.ts',
        source: 'resolver.define(GATE_KEYS.evidence, h);',
      };
      const other = { file: 'src/resolvers/raid-log.ts', source: "resolver.define('signOff', h);" };
      expect(missingSharedKeys(shared, [owner, other], constants)).toEqual([
        {
          file: 'static/shared/resolvers.ts',
          key: 'signOff',
          reason: 'not defined in src/resolvers/stage-gates.ts, which defines the other GATE_KEYS keys',
        },
      ]);
      expect(missingSharedKeys(shared, [other], constants)).toEqual([
        {
          file: 'static/shared/resolvers.ts',
          key: 'signOff',
          reason: 'no resolver module defines keys of GATE_KEYS',
        },
      ]);
    });
  });
});
