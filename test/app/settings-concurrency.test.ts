// Two Jira administrators saving Runway's settings at the same moment. As with Jira's own global
// settings, the save that lands last wins, and it wins whole: the settings are one stored value,
// written in one step, so the stored settings are always exactly one admin's, never a mix of both.
import { readSettings, saveSettings } from '../../src/app/settings';
import { defaultConfig, type RunwayConfig } from '../../src/domain';
import { createBaseSite, DEMO_USERS } from '../../src/local/demo/catalog';
import { readConfig } from '../../src/storage';
import { inMemoryApp, type InMemoryApp } from './support/ports';

const NOW = new Date('2026-11-23T12:00:00.000Z');

describe('concurrent settings saves', () => {
  let app: InMemoryApp;
  beforeEach(async () => {
    app = await inMemoryApp(createBaseSite({ provisioned: true }), NOW);
  });
  afterEach(() => app.close());

  it('keeps the later save whole, never a mix of two admins’ settings', async () => {
    const base = defaultConfig();
    // Each admin changes several settings; a mix would take some from each.
    const edits: RunwayConfig[] = Array.from({ length: 6 }, (_, i) => ({
      ...base,
      implementationLabel: `implementation-${i}`,
      milestoneToleranceDays: i + 1,
      defaultComplexity: base.complexityTiers[i % base.complexityTiers.length],
    }));
    // Renaming the implementation label queues a re-scan of the implementations; counted here.
    let rescans = 0;
    const ports = {
      ...app.portsAs(DEMO_USERS.admin.accountId),
      enqueueRescan: async () => {
        rescans += 1;
      },
    };

    const answers = await Promise.all(edits.map((settings) => saveSettings(ports, settings)));

    for (const [i, answer] of answers.entries())
      expect(answer).toEqual({ ok: true, data: { saved: true, settings: edits[i] } });
    expect(rescans).toBe(edits.length);
    const stored = await readConfig(app.store);
    expect(edits).toContainEqual(stored);
    // What the settings page shows next is that same whole set.
    const shown = await readSettings(ports);
    expect(shown.ok && shown.data.settings).toEqual(stored);
  });
});
