import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { z } from 'zod';

/** Repository root: test/forge/support → ../../.. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const MANIFEST_PATH = path.join(REPO_ROOT, 'manifest.yml');
export const REFERENCE_DIR = path.resolve(REPO_ROOT, '../shared/reference');

/**
 * The parts of manifest.yml the wiring checks read. The Forge validator has already checked
 * the full schema; this only gives those parts a type.
 */
const ModuleEntry = z.record(z.string(), z.unknown());
export const ManifestShape = z.object({
  modules: z.record(z.string(), z.array(ModuleEntry)),
  resources: z.array(z.object({ key: z.string(), path: z.string() })),
  permissions: z.object({ scopes: z.array(z.string()) }),
});
export type Manifest = z.infer<typeof ManifestShape>;
export type ModuleEntry = z.infer<typeof ModuleEntry>;

const FunctionEntry = z.object({ key: z.string(), handler: z.string() });

/** The `function` module list as key → handler. */
export function functionHandlers(manifest: Manifest): Map<string, string> {
  const entries = z.array(FunctionEntry).parse(manifest.modules.function ?? []);
  return new Map(entries.map((f) => [f.key, f.handler]));
}

/** Every module except the `function` list itself, with its module type. */
export function surfaceModules(manifest: Manifest): { type: string; entry: ModuleEntry }[] {
  return Object.entries(manifest.modules)
    .filter(([type]) => type !== 'function')
    .flatMap(([type, entries]) => entries.map((entry) => ({ type, entry })));
}

/**
 * Every string value found under a given property name anywhere in a module entry:
 * `function` finds `function`, `resolver.function`, `adfExport.function`; `resource` finds
 * `resource`, `edit.resource`, `config.resource`.
 */
export function collectRefs(value: unknown, property: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => collectRefs(v, property));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === property && typeof v === 'string' ? [v] : collectRefs(v, property),
  );
}

/** The resolver function key of a module entry, if it has one. */
export function resolverFunctionOf(entry: ModuleEntry): string | undefined {
  const parsed = z.object({ resolver: z.object({ function: z.string() }) }).safeParse(entry);
  return parsed.success ? parsed.data.resolver.function : undefined;
}

/** Turns validator or linter findings into one readable block for a failing assertion. */
export function describeFindings(
  findings: { level?: string; class?: string; message: string; line?: number; column?: number }[],
): string {
  return findings
    .map(
      (f) =>
        `  ${f.level ?? f.class ?? 'problem'} manifest/source ${f.line ?? 0}:${f.column ?? 0} ${f.message}`,
    )
    .join('\n');
}

export interface StagedApp {
  dir: string;
  /** Resources whose `static/<name>/dist` is not built yet and were replaced by a stub. */
  stubbedResources: string[];
  cleanup(): void;
}

/**
 * A throw-away copy of the app the Forge tools can run on: manifest.yml copied byte for byte
 * (so line numbers in messages match), `src` linked to the real sources, and each resource
 * copied from its real build. A resource whose Custom UI is not built yet (dist is a build
 * output, not committed) gets a one-file stub so the validator can check everything else;
 * a built resource is checked as it is (index.html present, CSP, …).
 */
export function stageApp(manifestText: string = fs.readFileSync(MANIFEST_PATH, 'utf8')): StagedApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-forge-'));
  fs.writeFileSync(path.join(dir, 'manifest.yml'), manifestText);
  fs.symlinkSync(path.join(REPO_ROOT, 'src'), path.join(dir, 'src'), 'dir');
  const stubbedResources: string[] = [];
  for (const resourcePath of resourcePathsIn(manifestText)) {
    const real = path.join(REPO_ROOT, resourcePath);
    const staged = path.join(dir, resourcePath);
    fs.mkdirSync(path.dirname(staged), { recursive: true });
    if (fs.existsSync(real)) {
      // Copied, not linked: the validator lstat()s resource folders and rejects a symlink.
      fs.cpSync(real, staged, { recursive: true });
    } else {
      fs.mkdirSync(staged, { recursive: true });
      fs.writeFileSync(path.join(staged, 'index.html'), '<!doctype html><title>not built</title>\n');
      stubbedResources.push(resourcePath);
    }
  }
  return { dir, stubbedResources, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Resource `path:` values (all under static/), read before the manifest is known to be valid. */
function resourcePathsIn(manifestText: string): string[] {
  return [...manifestText.matchAll(/^\s+path:\s*(static\/\S+)\s*$/gm)].map((m) => m[1]);
}

/** A fake app in a temporary folder: manifest text plus source files (relative paths). */
export function stageFakeApp(manifestText: string, files: Record<string, string>): StagedApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-forge-fake-'));
  fs.writeFileSync(path.join(dir, 'manifest.yml'), manifestText);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return { dir, stubbedResources: [], cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Module specifiers a TypeScript/JavaScript source imports, re-exports, requires or import()s. */
export function importedModules(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/**
 * The source files Forge would bundle: src/index.ts and everything it reaches through
 * relative imports. Paths are relative to `root`, with forward slashes.
 */
export function handlerSourceFiles(root: string = REPO_ROOT, entry = 'src/index.ts'): string[] {
  const seen = new Set<string>();
  const visit = (rel: string): void => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const abs = path.join(root, rel);
    for (const spec of importedModules(fs.readFileSync(abs, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const resolved = resolveRelative(path.dirname(abs), spec);
      if (resolved === undefined) throw new Error(`${rel} imports '${spec}', which is not a file under src/`);
      visit(path.relative(root, resolved).split(path.sep).join('/'));
    }
  };
  visit(entry);
  return [...seen].sort();
}

function resolveRelative(fromDir: string, spec: string): string | undefined {
  const base = path.resolve(fromDir, spec.replace(/\.js$/, ''));
  const candidates = ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext);
  return candidates.find((c) => fs.existsSync(c));
}

/** Every file under `dir` (recursively) with one of the extensions, skipping build output. */
export function sourceFilesUnder(dir: string, extensions = ['.ts', '.tsx', '.js', '.jsx']): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory())
      return d.name === 'dist' || d.name === 'node_modules' ? [] : sourceFilesUnder(full, extensions);
    return extensions.some((ext) => d.name.endsWith(ext)) && !d.name.endsWith('.d.ts') ? [full] : [];
  });
}
