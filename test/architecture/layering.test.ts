// The layering check of `npm run lint` (.dependency-cruiser.cjs, and eslint.config.mjs for the purity of
// src/domain) is itself tested: a small tree shaped like this repository passes it, and each kind of
// violation dropped into that tree makes it fail under the rule that names it. The fixture is tiny and
// lives in a temporary folder, so this stays fast and never touches the working tree.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const ESLINT = path.join(ROOT, 'node_modules/eslint/bin/eslint.js');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

/** A violation as dependency-cruiser reports it in JSON and writes it in its known-violations file. */
interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

interface Outcome {
  code: number;
  stdout: string;
}

async function exec(file: string, args: string[], cwd: string, input?: string): Promise<Outcome> {
  const child = run(process.execPath, [file, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout } = await child;
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '' };
  }
}

// A repository in miniature: one module per layer, every import an allowed one.
const CLEAN: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true, jsx: 'react-jsx' },
  }),
  'src/index.ts':
    "export { resolver } from './resolvers/surface';\nexport { trigger } from './triggers/daily';\n",
  'src/resolvers/surface.ts':
    "import Resolver from '@forge/resolver';\nimport { z } from 'zod';\nimport { useCase } from '../app/use-case';\nimport { Payload } from '../contracts/surface';\n" +
    'export const resolver = { Resolver, z, useCase, Payload };\n',
  'src/triggers/daily.ts': "import { useCase } from '../app/use-case';\nexport const trigger = useCase;\n",
  'src/app/use-case.ts':
    "import { rule } from '../domain/gates/rule';\nimport { read } from '../jira';\nimport { save } from '../storage/store';\n" +
    'export const useCase = () => save(rule(read()));\n',
  'src/jira/index.ts':
    "import { isGate } from '../domain/gates/rule';\nexport const read = () => isGate('x');\n",
  'src/storage/store.ts': 'export const save = (value: boolean) => value;\n',
  'src/domain/gates/rule.ts':
    "import { z } from 'zod';\nimport { addDays } from 'date-fns';\nimport { DAY } from '../dates';\n" +
    'export const isGate = (value: string) => z.string().safeParse(value).success;\n' +
    'export const rule = (value: boolean) => value && addDays(new Date(0), DAY).getTime() > 0;\n',
  'src/domain/dates.ts': 'export const DAY = 1;\n',
  'src/contracts/surface.ts':
    "import { z } from 'zod';\nimport { DAY } from '../domain/dates';\nexport const Payload = z.object({ days: z.literal(DAY) });\n",
  'src/local/host.ts': "import { useCase } from '../app/use-case';\nexport const host = useCase;\n",
  'src/cli/main.ts':
    "import { useCase } from '../app/use-case';\nimport { host } from '../local/host';\nexport const main = [useCase, host];\n",
  'static/surface/App.tsx':
    "import { Payload } from '../../src/contracts/surface';\nexport const App = () => <p>{String(Payload)}</p>;\n",
  'bench/main.ts': "import { main } from '../src/cli/main';\nexport const bench = main;\n",
};

// Each kind of violation the issue names, as a file dropped into its layer (or one changed line),
// with the violation the check must report: rule, from, to.
const VIOLATIONS: { name: string; files: Record<string, string>; expected: string[] }[] = [
  {
    name: 'a domain file importing the Jira adapter',
    files: {
      'src/domain/gates/adapter.ts': "import { read } from '../../jira';\nexport const leak = read;\n",
    },
    expected: ['domain-is-pure src/domain/gates/adapter.ts → src/jira/index.ts'],
  },
  {
    name: 'a domain file importing a node built-in',
    files: { 'src/domain/disk.ts': "import * as fs from 'node:fs';\nexport const leak = fs;\n" },
    expected: ['domain-is-pure src/domain/disk.ts → fs'],
  },
  {
    name: 'a static file importing src/domain',
    files: {
      'static/surface/rules.ts': "import { DAY } from '../../src/domain/dates';\nexport const days = DAY;\n",
    },
    expected: ['static-uses-contracts-only static/surface/rules.ts → src/domain/dates.ts'],
  },
  {
    name: 'a contract importing @forge/api (contracts are bundled into the browser)',
    files: { 'src/contracts/fetching.ts': "import api from '@forge/api';\nexport const leak = api;\n" },
    expected: ['contracts-are-shared src/contracts/fetching.ts → node_modules/@forge/api/out/index.js'],
  },
  {
    name: 'a resolver importing the Jira adapter',
    files: { 'src/resolvers/direct.ts': "import { read } from '../jira';\nexport const direct = read;\n" },
    expected: ['resolvers-are-thin src/resolvers/direct.ts → src/jira/index.ts'],
  },
  {
    name: 'a resolver importing src/domain',
    files: {
      'src/resolvers/rules.ts': "import { rule } from '../domain/gates/rule';\nexport const rules = rule;\n",
    },
    expected: ['resolvers-are-thin src/resolvers/rules.ts → src/domain/gates/rule.ts'],
  },
  {
    name: 'the deployed closure of src/index.ts reaching src/local (through a trigger, whose imports are free)',
    files: { 'src/triggers/daily.ts': "import { main } from '../cli/main';\nexport const trigger = main;\n" },
    expected: [
      'deployed-closure-stays-deployable src/index.ts → src/cli/main.ts',
      'deployed-closure-stays-deployable src/index.ts → src/local/host.ts',
    ],
  },
  {
    name: 'a use case importing a resolver',
    files: {
      'src/app/upward.ts':
        "import { resolver } from '../resolvers/surface';\nexport const upward = resolver;\n",
    },
    expected: ['app-and-adapters-stay-below-the-shell src/app/upward.ts → src/resolvers/surface.ts'],
  },
  {
    name: 'the emulated site importing the app',
    files: {
      'src/local/site/jira.ts':
        "import { isGate } from '../../domain/gates/rule';\nexport const site = isGate;\n",
    },
    expected: ['local-site-is-independent src/local/site/jira.ts → src/domain/gates/rule.ts'],
  },
  {
    name: 'an import cycle',
    files: {
      'src/domain/ping.ts': "import { pong } from './pong';\nexport const ping = () => pong;\n",
      'src/domain/pong.ts':
        "import type { ping } from './ping';\nexport const pong: typeof ping | null = null;\n",
    },
    expected: ['no-circular src/domain/ping.ts → src/domain/pong.ts'],
  },
  {
    name: 'an import of nothing',
    files: { 'src/app/typo.ts': "import { x } from './no-such-module';\nexport const typo = x;\n" },
    expected: ['no-unresolvable src/app/typo.ts → ./no-such-module'],
  },
];

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  // Packages resolve from the repository's node_modules, as they do in the real tree.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
}

// The err report `npm run lint:layers` prints: one block per violation, "  error <rule>: <from> → <to>",
// then the rest of the path (a cycle starts on the next line). Read as "<rule> <from> → <next module>".
function violationsOf(report: string): string[] {
  const blocks = report.split(/^ {2}error /m).slice(1);
  return blocks
    .map((block) => {
      const [rule, ...rest] = block.split(':');
      // A package resolves through the fixture's node_modules link: name it from node_modules/ on.
      const modules = rest
        .join(':')
        .split(/[→\s]+/)
        .filter(Boolean)
        .map((module) => module.replace(/^.*\/node_modules\//, 'node_modules/'));
      return `${rule} ${modules[0]} → ${modules[1]}`;
    })
    .sort();
}

async function cruise(files: Record<string, string>): Promise<{ code: number; violations: string[] }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runway-layering-'));
  try {
    writeTree(root, files);
    const outcome = await exec(
      DEPCRUISE,
      ['src', 'static', 'bench', '--config', CONFIG, '--no-ignore-known', '--output-type', 'err'],
      root,
    );
    return { code: outcome.code, violations: violationsOf(outcome.stdout) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

// `npm run lint:layers` exactly as package.json has it (npm test → npm run lint → npm run lint:layers).
const SCRIPTS = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;
const [REAL_COMMAND, ...REAL_CHECK] = SCRIPTS['lint:layers'].split(' ');

describe('the layering check (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  // Three cruises, side by side (each is mostly process start-up): the clean tree; the clean tree with
  // every violating file dropped in at once (the exit code is the number of errors, and the exact list
  // shows each file failing under its own rule and no other); the real tree as `npm run lint` checks it.
  let clean: { code: number; violations: string[] };
  let dirty: { code: number; violations: string[] };
  let real: Outcome;
  beforeAll(async () => {
    [clean, dirty, real] = await Promise.all([
      cruise(CLEAN),
      cruise(Object.assign({}, CLEAN, ...VIOLATIONS.map((v) => v.files))),
      // The same command with a JSON report (its exit code is always 0): errors, and what was ignored.
      exec(
        DEPCRUISE,
        [...REAL_CHECK.slice(0, REAL_CHECK.indexOf('--output-type')), '--output-type', 'json'],
        ROOT,
      ),
    ]);
  }, 120_000);

  it('passes a tree whose every layer imports only what it may', () => {
    expect(clean).toEqual({ code: 0, violations: [] });
  });

  it('fails the tree with the violating files dropped in, with exactly their violations', () => {
    const expected = VIOLATIONS.flatMap((v) => v.expected).sort();
    expect(dirty).toEqual({ code: expected.length, violations: expected });
  });

  it.each(VIOLATIONS.map((v) => [v.name, v.expected] as const))('fails on %s', (_name, expected) => {
    expect(dirty.violations).toEqual(expect.arrayContaining([...expected]));
  });

  it('is what npm test runs: dependency-cruiser over src, static and bench with this config', () => {
    expect(SCRIPTS.test).toContain('npm run lint');
    expect(SCRIPTS.lint).toContain('npm run --silent lint:layers');
    expect([REAL_COMMAND, ...REAL_CHECK].join(' ')).toMatch(
      /^depcruise src static bench --config \.dependency-cruiser\.cjs .*--output-type err$/,
    );
  });

  describe('on the real tree', () => {
    const report = () =>
      JSON.parse(real.stdout) as {
        summary: { error: number; violations: (Violation & { rule: { severity: string } })[] };
      };
    const line = (v: Violation) => `${v.rule.name} ${v.from} → ${v.to}`;

    it('passes', () => {
      expect(real.code).toBe(0);
      const { summary } = report();
      expect(summary.violations.filter((v) => v.rule.severity !== 'ignore').map(line)).toEqual([]);
      expect(summary.error).toBe(0);
    });
  });
});

describe('the purity of src/domain (ESLint, eslint.config.mjs)', () => {
  const CODE = [
    'export const a = Date.now();',
    'export const b = new Date();',
    'export const c = Date();',
    'export const d = Math.random();',
    "export const e = new Date('2026-06-30T00:00:00Z');",
    'export const f = new Date(0).getTime();',
    '',
  ].join('\n');

  async function lint(file: string): Promise<{ line: number; ruleId: string | null }[]> {
    const outcome = await exec(ESLINT, ['--stdin', '--stdin-filename', file, '--format', 'json'], ROOT, CODE);
    const [result] = JSON.parse(outcome.stdout) as { messages: { line: number; ruleId: string | null }[] }[];
    return result.messages.map(({ line, ruleId }) => ({ line, ruleId }));
  }

  let domain: { line: number; ruleId: string | null }[];
  let app: { line: number; ruleId: string | null }[];
  beforeAll(async () => {
    [domain, app] = await Promise.all([lint('src/domain/gates/clock.ts'), lint('src/app/clock.ts')]);
  }, 120_000);

  it('refuses Date.now(), new Date() without arguments, Date() and Math.random() in src/domain', () => {
    expect(domain).toEqual([1, 2, 3, 4].map((line) => ({ line, ruleId: 'no-restricted-syntax' })));
  });

  it('leaves the clock to the shell: the same code passes in src/app', () => {
    expect(app).toEqual([]);
  });
});
