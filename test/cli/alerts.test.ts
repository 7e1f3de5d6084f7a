import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  alertsReport,
  buildImplementations,
  computeAlerts,
  defaultConfig,
  parseSearchExport,
  type AlertsReport,
} from '../../src/domain';
import { generatePortfolio } from '../../src/local/demo/generate';
import { EXAMPLES, runway, tempDir } from './support';

const small = path.join(EXAMPLES, 'portfolio-small.json');

/** A demo portfolio export on disk (implementations with assignees, RAID items, milestones). */
function demoExport(): { file: string; asOf: string } {
  const portfolio = generatePortfolio({ seed: 7, implementations: 12 });
  const dir = tempDir();
  const file = path.join(dir, 'export.json');
  fs.writeFileSync(file, JSON.stringify(portfolio.searchExport({ pageSize: 100 })));
  return { file, asOf: portfolio.asOf };
}

function engineAlerts(file: string, asOf: string): AlertsReport {
  const parsed = parseSearchExport(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  const config = defaultConfig();
  const model = buildImplementations(parsed.value.issues, parsed.value.names, { asOf, config });
  return alertsReport(asOf, computeAlerts(model.implementations, { asOf, config }));
}

describe('runway alerts', () => {
  const demo = demoExport();

  it('prints { asOf, alerts, digests } exactly as alerts.md says, from the engine', async () => {
    const run = await runway(['alerts', '--input', demo.file, '--as-of', demo.asOf]);
    expect(run).toEqual({ code: 0, stdout: expect.any(String), stderr: '' });
    const out = JSON.parse(run.stdout) as AlertsReport;
    expect(out).toEqual(engineAlerts(demo.file, demo.asOf));
    expect(Object.keys(out)).toEqual(['asOf', 'alerts', 'digests']);
    expect(out.alerts.length).toBeGreaterThan(0);
    for (const a of out.alerts)
      expect(Object.keys(a)).toEqual(['rule', 'issue', 'implementation', 'recipient']);
    const inDigests = out.digests.flatMap((d) => d.alerts);
    expect(inDigests).toHaveLength(out.alerts.filter((a) => a.recipient !== null).length);
    for (const d of out.digests) for (const a of d.alerts) expect(a.recipient).toBe(d.recipient);
  });

  it('prints the digests for people with --format md', async () => {
    const run = await runway(['alerts', '--input', demo.file, '--as-of', demo.asOf, '--format', 'md']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Runway alerts as of 2026-11-23\n/);
    const json = engineAlerts(demo.file, demo.asOf);
    for (const a of json.alerts) expect(run.stdout).toContain(`**${a.issue}**`);
    expect(run.stdout.match(/^## /gm)?.length).toBeGreaterThanOrEqual(json.digests.length);
  });

  it('switches rules off and sets their days from --config', async () => {
    const dir = tempDir();
    const config = path.join(dir, 'runway.config.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ alerts: { rules: { raid_overdue: false }, dueSoonBusinessDays: 0 } }),
    );
    const out = JSON.parse(
      (await runway(['alerts', '--input', demo.file, '--as-of', demo.asOf, '--config', config])).stdout,
    ) as AlertsReport;
    expect(out.alerts.some((a) => a.rule === 'raid_overdue')).toBe(false);
    fs.writeFileSync(config, JSON.stringify({ alerts: { dueSoonBusinessDays: -1 } }));
    const bad = await runway(['alerts', '--input', demo.file, '--config', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('alerts.dueSoonBusinessDays');
  });

  it('lists one implementation with --implementation, and exits 2 naming an unknown one', async () => {
    const all = engineAlerts(demo.file, demo.asOf);
    const key = all.alerts[0].implementation;
    const one = JSON.parse(
      (await runway(['alerts', '--input', demo.file, '--as-of', demo.asOf, '--implementation', key])).stdout,
    ) as AlertsReport;
    expect(one.alerts).toEqual(all.alerts.filter((a) => a.implementation === key));
    const unknown = await runway(['alerts', '--input', demo.file, '--implementation', 'IMP-99999']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('IMP-99999');
  });

  it('exits 2 naming a malformed date, a bad format, or a missing input', async () => {
    const date = await runway(['alerts', '--input', small, '--as-of', '2026-02-30']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--as-of 2026-02-30');
    const format = await runway(['alerts', '--input', small, '--format', 'csv']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format csv');
    const none = await runway(['alerts'], { io: { env: {} } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no input');
    const missing = await runway(['alerts', '--input', 'no-such-file.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-file.json');
  });
});
