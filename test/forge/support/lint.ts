import fs from 'node:fs';
import path from 'node:path';
import { getClientSideLintersOnly, lint, type LintResult } from '@forge/lint';
import { StatsigService } from '@forge/cli-shared';
import { ProcessorBuilder, ValidationTypes, type ManifestSchema } from '@forge/manifest';
import { REFERENCE_DIR } from './app';

/**
 * Runs every client-side linter of `@forge/lint` (what `forge lint` runs before it asks the
 * server) fully offline. Three things normally go online, and are replaced here:
 *
 * - Feature flags (StatsigService: e.g. the list of deprecated runtimes) come from
 *   Atlassian's flag service: `OfflineFlags` answers "no flag set" instead, except the
 *   deprecated runtimes, which it answers as Forge does (DEPRECATED_RUNTIMES).
 * - PermissionLinter downloads the product OpenAPI specs to map each `requestJira` /
 *   `requestConfluence` call to the scopes it needs. It reads local files when
 *   USE_LOCAL_SWAGGER is set: Jira platform and Confluence v2 come from shared/reference
 *   (verbatim copies of the specs it would download); JSM, Jira Software, Confluence v1 and
 *   Bitbucket, which Runway does not call, get an empty spec.
 * - Its download cache lives in a `conf` store under XDG_CONFIG_HOME: pointed at the temp dir.
 *
 * Skipped: the server-side linter (`linter.mode: 'server-side' | 'both'`), which uploads the
 * app to Atlassian's GraphQL API and needs `forge login`.
 *
 * The linters resolve `manifest.yml` and source paths against the working directory, so this
 * runs with cwd = the staged app folder and puts the cwd and environment back afterwards.
 */
export const LINTER_FAILED = 'Could not perform some linting actions';

/** The runtimes Forge's flag service lists as deprecated (Node 18 and 20 are past their end of life). */
export const DEPRECATED_RUNTIMES = ['nodejs18.x', 'nodejs20.x'];

class OfflineFlags extends StatsigService {
  constructor() {
    super(
      { traceEnabled: false, debugEnabled: false, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
      undefined,
      { getCredentials: () => Promise.reject(new Error('offline: no Forge login in tests')) },
      { readConfigSection: () => Promise.resolve('missing' as const) },
    );
  }
  override async checkGate(): Promise<null> {
    return null;
  }
  override async getDynamicConfig(): Promise<null> {
    return null;
  }
  override async getDeprecatedRuntimes(): Promise<string[]> {
    return DEPRECATED_RUNTIMES;
  }
}

export interface LintRun {
  /** Linter names in the order they ran. */
  linters: string[];
  results: LintResult[];
  /** Everything the linters logged; a linter that crashed says so here instead of throwing. */
  log: string[];
}

export interface Finding {
  file: string;
  class: string;
  message: string;
  line: number;
  column: number;
}

export function findings(run: LintRun): Finding[] {
  return run.results.flatMap((r) =>
    [...r.errors, ...r.warnings, ...r.approvals].map((f) => ({
      file: r.file,
      class: f.class,
      message: f.message,
      line: f.line,
      column: f.column,
    })),
  );
}

export function describeLintRun(run: LintRun): string {
  return findings(run)
    .map((f) => `  ${f.class} ${f.file}:${f.line}:${f.column} ${f.message}`)
    .join('\n');
}

/**
 * Reads the staged manifest through the same full validation processor the manifest linter
 * uses (same options, so @forge/manifest's processor cache compiles the schema only once).
 */
export async function loadManifest(appDir: string): Promise<ManifestSchema> {
  const processor = ProcessorBuilder.instance()
    .withValidation(ValidationTypes.FULL)
    .withOptions({ deprecatedRuntimes: DEPRECATED_RUNTIMES })
    .build();
  const result = await processor.process(path.join(appDir, 'manifest.yml'));
  const manifest = result.manifestObject?.typedContent;
  if (manifest === undefined) {
    throw new Error(
      `manifest.yml could not be read:\n${(result.errors ?? []).map((e) => e.message).join('\n')}`,
    );
  }
  return manifest;
}

export async function runClientSideLinters(appDir: string, files: string[]): Promise<LintRun> {
  const emptySpec = path.join(appDir, 'empty-openapi.json');
  fs.writeFileSync(emptySpec, JSON.stringify({ paths: {} }));
  const env: Record<string, string> = {
    USE_LOCAL_SWAGGER: 'true',
    LOCAL_JIRA_SWAGGER: path.join(REFERENCE_DIR, 'jira-cloud-platform.openapi.json'),
    LOCAL_CONF_V2_SWAGGER: path.join(REFERENCE_DIR, 'confluence-cloud-v2.openapi.json'),
    LOCAL_CONF_SWAGGER: emptySpec,
    LOCAL_JSM_SWAGGER: emptySpec,
    LOCAL_JSW_SWAGGER: emptySpec,
    LOCAL_BB_SWAGGER: emptySpec,
    XDG_CONFIG_HOME: path.join(appDir, '.config'),
  };
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const savedCwd = process.cwd();
  const log: string[] = [];
  const logger = { info: (message: string) => log.push(message) };
  try {
    Object.assign(process.env, env);
    process.chdir(appDir);
    const manifest = await loadManifest(appDir);
    const flags = new OfflineFlags();
    const linters = await getClientSideLintersOnly(manifest, 'development', logger, flags);
    const results = await lint(files, manifest, 'development', logger, flags, {
      linter: { mode: 'client-side' },
      linters,
    });
    return { linters: linters.map((l) => l.constructor.name), results, log };
  } finally {
    process.chdir(savedCwd);
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
