import fs from 'node:fs';
import path from 'node:path';
import { validate } from '@forge/manifest';
import { MANIFEST_PATH, describeFindings, stageApp, type StagedApp } from './support/app';

// Offline validation with @forge/manifest's own `validate()` (the full validation that
// `forge deploy` and `forge lint` run: schema, modules, resources, handlers, permissions,
// display conditions, compatibility). Custom UI builds that do not exist yet are stubbed,
// see stageApp; built ones are validated as they are.

async function validateStaged(app: StagedApp) {
  return validate(false, path.join(app.dir, 'manifest.yml'));
}

describe('manifest.yml', () => {
  let app: StagedApp;
  beforeAll(() => {
    app = stageApp();
  });
  afterAll(() => app.cleanup());

  it('passes the full Forge manifest validation with no errors or warnings', async () => {
    const result = await validateStaged(app);
    const problems = result.errors ?? [];
    if (problems.length > 0) {
      throw new Error(`@forge/manifest validate() reported:\n${describeFindings(problems)}`);
    }
    expect(result.success).toBe(true);
  });

  it('stubs only resources whose Custom UI is not built, never the source or the manifest', () => {
    for (const stubbed of app.stubbedResources) {
      expect(fs.existsSync(path.resolve(MANIFEST_PATH, '..', stubbed))).toBe(false);
    }
    expect(fs.readFileSync(path.join(app.dir, 'manifest.yml'), 'utf8')).toBe(
      fs.readFileSync(MANIFEST_PATH, 'utf8'),
    );
    expect(fs.realpathSync(path.join(app.dir, 'src'))).toBe(
      fs.realpathSync(path.resolve(MANIFEST_PATH, '../src')),
    );
  });
});

describe('the offline validation itself', () => {
  it('rejects a manifest the schema does not allow, naming the problem', async () => {
    const broken = fs
      .readFileSync(MANIFEST_PATH, 'utf8')
      .replace(/^(\s+name:\s*)nodejs\d+\.x\s*$/m, '$1nodejs8.x');
    const app = stageApp(broken);
    try {
      const result = await validateStaged(app);
      expect(result.success).toBe(false);
      expect(describeFindings(result.errors ?? [])).toMatch(/runtime|name|nodejs8\.x|allowed values/i);
    } finally {
      app.cleanup();
    }
  });

  it('rejects a handler whose file does not exist', async () => {
    const broken = fs.readFileSync(MANIFEST_PATH, 'utf8').replace(/handler: index\./, 'handler: nowhere.');
    const app = stageApp(broken);
    try {
      const result = await validateStaged(app);
      expect(result.success).toBe(false);
      expect(describeFindings(result.errors ?? [])).toContain(
        "cannot find associated file with name 'nowhere",
      );
    } finally {
      app.cleanup();
    }
  });

  it('rejects a built resource that has no index.html', async () => {
    const app = stageApp();
    try {
      const [first] = fs.readFileSync(MANIFEST_PATH, 'utf8').match(/static\/[a-z-]+\/dist/) ?? [
        'static/stage-gates/dist',
      ];
      const staged = path.join(app.dir, first);
      fs.rmSync(staged, { recursive: true, force: true });
      fs.mkdirSync(staged, { recursive: true });
      fs.writeFileSync(path.join(staged, 'main.js'), '');
      const result = await validateStaged(app);
      expect(result.success).toBe(false);
      expect(describeFindings(result.errors ?? [])).toContain(first);
    } finally {
      app.cleanup();
    }
  });
});
