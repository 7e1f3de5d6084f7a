import {
  acceptTemplate,
  BUILT_IN_TEMPLATES,
  createLibrary,
  libraryWith,
  parseTemplate,
  renderPlaybook,
  unknownTemplateMessage,
  type PlaybookTemplateInput,
} from '../../../src/domain/playbooks';
import { defaultConfig } from '../../../src/domain';
import { acme, AS_OF } from './fixture';

const teamTemplate: PlaybookTemplateInput = {
  id: 'security-review',
  title: 'Security review',
  description: 'What the customer security team asks before go-live.',
  sections: [
    {
      id: 'integrations',
      title: 'Integrations in scope',
      guidance: 'Review every integration of {summary} with the customer security officer.',
      blocks: [
        { type: 'items', select: { roles: ['integration'] }, columns: ['key', 'summary', 'owner'] },
        { type: 'checklist', items: [{ text: 'Pen test done', check: { type: 'manual' } }] },
      ],
    },
  ],
};

describe('the built-in playbook library', () => {
  it('has the eight playbooks of the issue, each with a unique id', () => {
    expect(BUILT_IN_TEMPLATES.map((t) => t.id)).toEqual([
      'implementation-plan',
      'discovery-workshop',
      'integration-design',
      'data-migration-plan',
      'uat-plan',
      'cutover-plan',
      'go-live-readiness',
      'hypercare-plan',
    ]);
  });

  it('is written in the same schema a team uses: every built-in template validates as data', () => {
    for (const t of BUILT_IN_TEMPLATES) {
      const again = parseTemplate(JSON.parse(JSON.stringify(t)));
      expect(again).toEqual({ ok: true, value: t });
    }
  });

  it('gives every template a title, a description and sections with guidance or tables', () => {
    for (const t of BUILT_IN_TEMPLATES) {
      expect(t.title.length).toBeGreaterThan(3);
      expect(t.description.length).toBeGreaterThan(20);
      expect(t.sections.length).toBeGreaterThanOrEqual(5);
      const blockTypes = new Set(t.sections.flatMap((s) => s.blocks.map((b) => b.type)));
      expect(
        [...blockTypes].some((b) =>
          ['milestones', 'raid', 'gates', 'kpis', 'raci', 'checklist', 'items'].includes(b),
        ),
      ).toBe(true);
    }
  });

  it('binds, across the library, milestones, RAID, gates, KPIs, RACI and checklists', () => {
    const blockTypes = new Set(
      BUILT_IN_TEMPLATES.flatMap((t) => t.sections.flatMap((s) => s.blocks.map((b) => b.type))),
    );
    for (const type of ['facts', 'milestones', 'raid', 'gates', 'kpis', 'raci', 'checklist', 'items'])
      expect(blockTypes).toContain(type);
  });

  it('has sections that depend on the complexity tier', () => {
    const conditional = BUILT_IN_TEMPLATES.filter((t) =>
      t.sections.some((s) => s.when?.tiers !== undefined || s.when?.minTier !== undefined),
    );
    expect(conditional.length).toBe(BUILT_IN_TEMPLATES.length);
  });
});

describe('a team’s own template', () => {
  it('is accepted when it validates, and renders like a built-in one', () => {
    const r = acceptTemplate(teamTemplate, createLibrary());
    if (!r.ok) throw new Error(r.error);
    const doc = renderPlaybook(r.value, acme(), { asOf: AS_OF, config: defaultConfig() });
    expect(doc.sections.map((s) => s.id)).toEqual(['integrations']);
    expect(doc.sections[0].blocks[0]).toEqual({
      type: 'guidance',
      text: 'Review every integration of Acme Corp rollout with the customer security officer.',
    });
    const library = libraryWith([teamTemplate]).library;
    expect(library.get('security-review')?.title).toBe('Security review');
    expect(library.templates).toHaveLength(BUILT_IN_TEMPLATES.length + 1);
  });

  it.each([
    [
      'an unknown KPI',
      { blocks: [{ type: 'kpis', ids: ['time_to_live_days', 'happiness'] }] },
      'sections.0.blocks.0.ids.1: Invalid option',
    ],
    [
      'an unknown placeholder',
      { guidance: 'Hello {customer}' },
      'sections.0.guidance: unknown placeholder {customer}',
    ],
    ['an unknown block type', { blocks: [{ type: 'chart' }] }, 'sections.0.blocks.0.type'],
    [
      'an unknown key (a typo)',
      { blocks: [{ type: 'milestones', selct: {} }] },
      'sections.0.blocks.0: unknown key selct',
    ],
    ['no blocks', { blocks: [] }, 'sections.0.blocks: a section needs at least one block'],
    [
      'an unknown child kind',
      { blocks: [{ type: 'items', select: { kinds: ['epic'] }, columns: ['key'] }] },
      'sections.0.blocks.0.select.kinds.0',
    ],
    [
      'an unknown column',
      { blocks: [{ type: 'items', select: {}, columns: ['key', 'cost'] }] },
      'sections.0.blocks.0.columns.1',
    ],
    [
      'a check of an unknown gate',
      {
        blocks: [
          { type: 'checklist', items: [{ text: 'x', check: { type: 'gatePassed', gate: 'go-live' } }] },
        ],
      },
      'sections.0.blocks.0.items.0.check.gate',
    ],
  ])('is refused, with the path and the reason, for %s', (_what, sectionChange, reason) => {
    const bad = { ...teamTemplate, sections: [{ ...teamTemplate.sections[0], ...sectionChange }] };
    const r = acceptTemplate(bad, createLibrary());
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('template "security-review" is not valid');
      expect(r.error).toContain(reason);
    }
  });

  it('is refused when two sections share an id', () => {
    const r = parseTemplate({
      ...teamTemplate,
      sections: [teamTemplate.sections[0], teamTemplate.sections[0]],
    });
    expect(r).toEqual({
      ok: false,
      error: expect.stringContaining('sections.1.id: section id "integrations" is used twice'),
    });
  });

  it('is refused when it is not a template at all', () => {
    expect(parseTemplate('implementation-plan')).toEqual({
      ok: false,
      error: expect.stringContaining('(template)'),
    });
    expect(parseTemplate({ id: 'x' })).toEqual({
      ok: false,
      error: expect.stringContaining('id: must be 2–63 lowercase letters'),
    });
  });

  it('cannot take the id of a built-in template or of the handover packet', () => {
    expect(acceptTemplate({ ...teamTemplate, id: 'uat-plan' }, createLibrary())).toEqual({
      ok: false,
      error: expect.stringContaining('a built-in template has this id'),
    });
    expect(acceptTemplate({ ...teamTemplate, id: 'handover' }, createLibrary())).toEqual({
      ok: false,
      error: expect.stringContaining('reserved for the handover packet'),
    });
  });

  it('leaves the library as it was when refused, and says why', () => {
    const { library, refused } = libraryWith([teamTemplate, { ...teamTemplate, sections: [] }, teamTemplate]);
    expect(library.templates.map((t) => t.id)).toEqual([
      ...BUILT_IN_TEMPLATES.map((t) => t.id),
      'security-review',
    ]);
    expect(refused).toEqual([
      expect.stringContaining('sections: a template needs at least one section'),
      expect.stringContaining('another team template already has this id'),
    ]);
  });
});

describe('an unknown template id', () => {
  it('is answered with the ids that exist, the handover packet included', () => {
    expect(unknownTemplateMessage('uat', createLibrary())).toBe(
      'Unknown template "uat". Known templates: implementation-plan, discovery-workshop, integration-design, data-migration-plan, uat-plan, cutover-plan, go-live-readiness, hypercare-plan, handover',
    );
  });
});
