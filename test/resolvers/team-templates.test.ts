// Team playbook templates in app storage, through the Playbook macro's resolver on the local host
// (whose storage refuses a value over 240 KiB as Forge does): one record each, however many there
// are; a template too large for one value is refused with the reason; the old single value is
// still read and moved out by the next save.
import { z } from 'zod';
import type { DocumentAnswer, TemplateList, TemplateSummary } from '../../src/contracts/playbook';
import { DEFAULT_AS_OF } from '../../src/local/demo/generate';
import { TEAM_TEMPLATE_MAX_BYTES } from '../../src/domain/playbooks';
import { typedStore, writeLegacyTeamTemplates } from '../../src/storage';
import { macroOnDeliveryPage } from './support/macro';
import { error, ok } from './support/result';

const KVS_VALUE_BYTES = 240 * 1024; // limits-kvs-ce
const MANY = 520;

/** A valid team template of about `bytes` bytes of JSON (its guidance carries the bulk). */
function templateOf(id: string, bytes = 1_000) {
  const sections = Array.from({ length: Math.max(1, Math.round(bytes / 4_300)) }, (_, i) => ({
    id: `part-${i}`,
    title: `Part ${i + 1}`,
    guidance: 'Walk the customer security team through each integration and record what they ask. '.repeat(
      Math.min(47, Math.max(1, Math.floor(bytes / 90))),
    ),
    blocks: [{ type: 'items', select: { roles: ['integration'] }, columns: ['key', 'summary', 'owner'] }],
  }));
  return { id, title: `Review ${id}`, description: `Team template ${id}.`, sections };
}

const jsonBytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

describe('team templates in app storage', () => {
  const macro = macroOnDeliveryPage('runway-playbook', 'playbook-templates');
  const { call } = macro;
  /** Every stored value under `playbooks:` with its size, read as the app. */
  const stored = () =>
    macro.forge.runtime.run({}, async () =>
      (await typedStore().list('playbooks:', z.unknown())).map((r) => ({
        key: r.key,
        bytes: jsonBytes(r.value),
      })),
    );
  const listed = async () => ok(await call<TemplateList>('consultant', 'listTemplates'));

  it('reads the templates of the old single value, and moves them out into records on the next save', async () => {
    const legacy = [templateOf('legacy-review'), { id: 'legacy-broken', title: 'No sections' }];
    await macro.forge.runtime.run({}, () => writeLegacyTeamTemplates(typedStore(), legacy));
    const before = await listed();
    expect(before.templates.filter((t) => !t.builtIn).map((t) => t.id)).toEqual(['legacy-review']);
    expect(before.refused).toEqual([expect.stringMatching(/^template "legacy-broken" is not valid/)]);

    ok(await call<TemplateSummary>('admin', 'saveTemplate', { template: templateOf('after-upgrade') }));
    expect((await stored()).map((s) => s.key)).toEqual([
      'playbooks:template:after-upgrade',
      'playbooks:template:legacy-broken',
      'playbooks:template:legacy-review',
    ]);
    const after = await listed();
    expect(after.templates.filter((t) => !t.builtIn).map((t) => t.id)).toEqual([
      'after-upgrade',
      'legacy-review',
    ]);
    expect(after.refused).toEqual(before.refused);
  });

  it(`keeps ${MANY} templates one record each, no value near the 240 KiB limit, and lists them all`, async () => {
    const templates = Array.from({ length: MANY }, (_, i) =>
      templateOf(`team-${String(i).padStart(4, '0')}`),
    );
    // As one value, as before, these could not be stored at all.
    expect(jsonBytes(templates)).toBeGreaterThan(2 * KVS_VALUE_BYTES);
    for (const template of templates) ok(await call<TemplateSummary>('admin', 'saveTemplate', { template }));
    // Saving one again replaces its record.
    ok(
      await call<TemplateSummary>('admin', 'saveTemplate', {
        template: { ...templates[7], title: 'Renamed' },
      }),
    );

    const values = await stored();
    expect(values.filter((v) => v.key.startsWith('playbooks:template:team-'))).toHaveLength(MANY);
    expect(Math.max(...values.map((v) => v.bytes))).toBeLessThan(4_000);
    const list = await listed();
    const team = list.templates.filter((t) => t.id.startsWith('team-'));
    expect(team).toHaveLength(MANY);
    expect(team[7].title).toBe('Renamed');
    // A document of one of them reads that one template.
    const doc = ok(
      await call<DocumentAnswer>('consultant', 'getDocument', {
        templateId: 'team-0100',
        implementationKey: macro.implementation('IMP', 'in-flight'),
        asOf: DEFAULT_AS_OF,
      }),
    );
    expect(doc.document.sections.map((x) => x.title)).toEqual(['Part 1']);
  });

  it('keeps a large template in one record, and refuses one over 240 KiB with the reason', async () => {
    const large = templateOf('large-review', 200 * 1024);
    expect(jsonBytes(large)).toBeGreaterThan(150 * 1024);
    expect(jsonBytes(large)).toBeLessThan(TEAM_TEMPLATE_MAX_BYTES);
    ok(await call<TemplateSummary>('admin', 'saveTemplate', { template: large }));
    expect((await listed()).templates.map((t) => t.id)).toContain('large-review');

    const huge = templateOf('huge-review', 300 * 1024);
    expect(error(await call('admin', 'saveTemplate', { template: huge }))).toBe(
      `template "huge-review" is refused: it is ${Math.ceil(jsonBytes(huge) / 1024)} KiB as JSON, and a team template can be at most 240 KiB (one value of Forge storage); split it into smaller templates`,
    );
    expect((await stored()).map((s) => s.key)).not.toContain('playbooks:template:huge-review');
  });
});
