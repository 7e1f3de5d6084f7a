// The Playbook macro's resolver and adfExport, invoked as Forge invokes them (through
// @forge/resolver, as the user viewing the Confluence page) on the local host with the demo
// portfolio: configuration saved by the config view, rendering, publishing, team templates.
import type {
  DocumentAnswer,
  ImplementationOptions,
  Published,
  TemplateList,
  TemplateSummary,
} from '../../src/contracts/playbook';
import { buildImplementations, defaultConfig, parseSearchExport } from '../../src/domain';
import { BUILT_IN_TEMPLATES, readReporters, renderPlaybook } from '../../src/domain/playbooks';
import { DEFAULT_AS_OF } from '../../src/local/demo/generate';
import { playbookExport } from '../../src/resolvers/playbook';
import { adfProblems } from '../confluence/adf-validate';
import { macroOnDeliveryPage, ORIGIN } from './support/macro';
import { error, ok } from './support/result';

const MACRO = 'runway-playbook';
const AS_OF = DEFAULT_AS_OF;

describe('Playbook macro resolver', () => {
  const macro = macroOnDeliveryPage(MACRO, 'playbook-1');
  const { call, configure, implementation } = macro;
  const domainDocument = (templateId: string, key: string) => {
    const exported = parseSearchExport(macro.portfolio.searchExport());
    if (!exported.ok) throw new Error(exported.error);
    const config = defaultConfig();
    const impl = buildImplementations(exported.value.issues, exported.value.names, {
      asOf: AS_OF,
      config,
    }).implementations.find((i) => i.key === key);
    const template = BUILT_IN_TEMPLATES.find((t) => t.id === templateId);
    if (!impl || !template) throw new Error('missing');
    return renderPlaybook(template, impl, {
      asOf: AS_OF,
      config,
      reporters: readReporters(exported.value.issues),
    });
  };

  describe('config view', () => {
    it('lists the eight built-in templates', async () => {
      const list = ok(await call<TemplateList>('consultant', 'listTemplates'));
      expect(list.templates.map((t) => t.id)).toEqual(BUILT_IN_TEMPLATES.map((t) => t.id));
      expect(list.templates.every((t) => t.builtIn && t.title !== '' && t.description !== '')).toBe(true);
      expect(list.refused).toEqual([]);
      expect(list.canAddTemplates).toBe(false);
      expect(ok(await call<TemplateList>('admin', 'listTemplates')).canAddTemplates).toBe(true);
    });

    it('finds implementations by key and by words of the summary', async () => {
      const key = implementation('IMP', 'in-flight');
      const byKey = ok(
        await call<ImplementationOptions>('consultant', 'searchImplementations', {
          query: key.toLowerCase(),
        }),
      );
      // A whole key is also the start of longer ones (IMP-1 of IMP-12): that implementation comes first.
      expect(byKey.implementations[0]?.key).toBe(key);
      expect(byKey.implementations.every((i) => i.key.startsWith(key))).toBe(true);
      const partial = key.slice(0, -1);
      const byPartialKey = ok(
        await call<ImplementationOptions>('consultant', 'searchImplementations', { query: partial }),
      );
      expect(byPartialKey.implementations.map((i) => i.key)).toContain(key);
      expect(byPartialKey.implementations.every((i) => i.key.startsWith(partial))).toBe(true);
      const summary = macro.portfolio.implementations.find((i) => i.key === key)?.customer ?? '';
      const byWords = ok(
        await call<ImplementationOptions>('consultant', 'searchImplementations', {
          query: summary.split(' ')[0],
        }),
      );
      expect(byWords.implementations.map((i) => i.key)).toContain(key);
      const recent = ok(
        await call<ImplementationOptions>('consultant', 'searchImplementations', { query: '' }),
      );
      expect(recent.implementations.length).toBe(20);
    });

    it('never offers the viewer an implementation of a project they cannot browse', async () => {
      const hidden = implementation('ENT', 'in-flight');
      expect(
        ok(await call<ImplementationOptions>('viewer', 'searchImplementations', { query: hidden }))
          .implementations,
      ).toEqual([]);
      const recent = ok(await call<ImplementationOptions>('viewer', 'searchImplementations', { query: '' }));
      expect(recent.implementations.some((i) => i.key.startsWith('ENT-'))).toBe(false);
      expect(
        ok(await call<ImplementationOptions>('consultant', 'searchImplementations', { query: hidden }))
          .implementations[0]?.key,
      ).toBe(hidden);
    });

    it('finds nothing, without an error, for a key that does not exist', async () => {
      expect(
        ok(await call<ImplementationOptions>('consultant', 'searchImplementations', { query: 'IMP-99999' }))
          .implementations,
      ).toEqual([]);
    });

    it('refuses a malformed search with a clear message', async () => {
      expect(error(await call('consultant', 'searchImplementations', { query: 'x'.repeat(201) }))).toBe(
        'Invalid request: payload.query: is longer than 200 characters',
      );
    });
  });

  describe('the macro on the page', () => {
    it('renders the configured template for the configured implementation, as the domain does', async () => {
      const key = implementation('IMP', 'in-flight');
      await configure(
        'consultant',
        { templateId: 'go-live-readiness', implementationKey: key },
        'configured',
      );
      const answer = ok(
        await call<DocumentAnswer>('consultant', 'getDocument', { asOf: AS_OF }, 'configured'),
      );
      const expected = domainDocument('go-live-readiness', key);
      expect(answer.document.title).toBe(expected.title);
      expect(answer.document.sections.map((s) => s.id)).toEqual(expected.sections.map((s) => s.id));
      const table = (d: typeof expected, id: string) =>
        d.sections.flatMap((s) => s.blocks).find((b) => b.type === 'table' && b.id === id);
      expect(table(answer.document, 'facts')).toEqual(table(expected, 'facts'));
      expect(table(answer.document, 'open-defects')).toEqual(table(expected, 'open-defects'));
      expect(answer.siteUrl).toMatch(/^https?:\/\//);
      expect(answer).toMatchObject({ canPublish: true, cannotPublishReason: null });
    });

    it('shows the gates evaluated by the gate model (criteria, not just the Gate issue)', async () => {
      const key = implementation('IMP', 'in-flight');
      const answer = ok(
        await call<DocumentAnswer>('consultant', 'getDocument', {
          templateId: 'go-live-readiness',
          implementationKey: key,
          asOf: AS_OF,
        }),
      );
      const gates = answer.document.sections
        .flatMap((s) => s.blocks)
        .find((b) => b.type === 'table' && b.id === 'gates');
      expect(gates?.type === 'table' ? gates.rows.length : 0).toBe(6);
      const criteria =
        gates?.type === 'table'
          ? gates.rows.map((r) => r[2].map((i) => ('text' in i ? i.text : '')).join(''))
          : [];
      expect(criteria.every((c) => /^(\d+ of \d+ pass|no criterion applies)/.test(c))).toBe(true);
      expect(criteria.some((c) => /^\d+ of \d+ pass/.test(c))).toBe(true);
    });

    it('asks for settings while the macro has none', async () => {
      expect(error(await call('consultant', 'getDocument', { asOf: AS_OF }, 'unconfigured'))).toBe(
        'Choose a playbook template and an implementation in the macro’s settings.',
      );
      await configure('consultant', { templateId: 'uat-plan' }, 'half');
      expect(error(await call('consultant', 'getDocument', { asOf: AS_OF }, 'half'))).toBe(
        'Choose an implementation in the macro’s settings.',
      );
    });

    it('says which templates exist when the template is unknown', async () => {
      const key = implementation('IMP', 'in-flight');
      expect(
        error(await call('consultant', 'getDocument', { templateId: 'uat', implementationKey: key })),
      ).toMatch(
        /^Unknown template "uat"\. Known templates: implementation-plan, .*, hypercare-plan, handover$/,
      );
    });

    it('says the same for an unknown key and for one the user cannot see, and names a non-implementation', async () => {
      expect(
        error(
          await call('consultant', 'getDocument', { templateId: 'uat-plan', implementationKey: 'IMP-99999' }),
        ),
      ).toBe('IMP-99999 does not exist, or you do not have permission to see it.');
      const hidden = implementation('ENT', 'in-flight');
      expect(
        error(await call('viewer', 'getDocument', { templateId: 'uat-plan', implementationKey: hidden })),
      ).toBe(`${hidden} does not exist, or you do not have permission to see it.`);
      const child = macro.portfolio.state.issues.find((i) => i.parentId !== null && i.key.startsWith('IMP-'));
      expect(
        error(
          await call('consultant', 'getDocument', { templateId: 'uat-plan', implementationKey: child?.key }),
        ),
      ).toMatch(
        /^IMP-\d+ is not an implementation: Runway renders documents for an Epic labelled "implementation"/,
      );
    });

    it('refuses a malformed payload, naming the field', async () => {
      expect(error(await call('consultant', 'getDocument', { implementationKey: 'not a key' }))).toBe(
        'Invalid request: payload.implementationKey: expected a Jira issue key such as IMP-12',
      );
      expect(
        error(
          await call('consultant', 'getDocument', {
            templateId: 'uat-plan',
            implementationKey: 'IMP-1',
            extra: 1,
          }),
        ),
      ).toBe('Invalid request: payload: unknown key extra');
    });
  });

  describe('publish as page', () => {
    const pagesTitled = (title: string) =>
      macro.portfolio.state.confluence.pages.filter((p) => p.title === title && p.status === 'current');
    const linksOf = (key: string) =>
      macro.portfolio.state.issues.find((i) => i.key === key)?.remoteLinks ?? [];

    it('creates the page the first time and updates the same page after, never duplicating it or its link', async () => {
      const key = implementation('ONB', 'in-flight');
      const payload = { templateId: 'cutover-plan', implementationKey: key, asOf: AS_OF };
      const first = ok(await call<Published>('consultant', 'publish', payload));
      expect(first).toMatchObject({ created: true, version: 1, linked: true });
      expect(first.title).toBe(domainDocument('cutover-plan', key).title);
      const second = ok(await call<Published>('consultant', 'publish', payload));
      expect(second).toMatchObject({ created: false, pageId: first.pageId, version: 2, linked: true });
      expect(pagesTitled(first.title)).toHaveLength(1);
      const stored = pagesTitled(first.title)[0];
      expect(stored.parentId).toBe(macro.page.id);
      expect(stored.body.representation).toBe('atlas_doc_format');
      expect(adfProblems(stored.body.value)).toEqual([]);
      const links = linksOf(key).filter((l) => l.globalId === `runway:playbook:cutover-plan:${key}`);
      expect(links).toHaveLength(1);
      expect(links[0]).toMatchObject({
        relationship: 'Runway playbook',
        object: { url: first.url, title: first.title },
      });
    });

    it('updates the page another user published, rather than making a second one', async () => {
      const key = implementation('ONB', 'in-flight');
      const payload = { templateId: 'cutover-plan', implementationKey: key, asOf: AS_OF };
      const byAdmin = ok(await call<Published>('admin', 'publish', payload));
      expect(byAdmin.created).toBe(false);
      expect(pagesTitled(byAdmin.title)).toHaveLength(1);
    });

    const CANNOT_ADD_PAGES =
      'You cannot add pages to space IMPL, so you cannot publish this here: a space admin can give you the Add pages permission.';

    it('tells a user who may not add pages to the space that Publish is not for them, and why', async () => {
      const key = implementation('IMP', 'live');
      const answer = ok(
        await call<DocumentAnswer>('viewer', 'getDocument', {
          templateId: 'hypercare-plan',
          implementationKey: key,
          asOf: AS_OF,
        }),
      );
      expect(answer).toMatchObject({ canPublish: false, cannotPublishReason: CANNOT_ADD_PAGES });
    });

    it('leaves Confluence and Jira as they were when the user may not write in the space, saying why', async () => {
      const key = implementation('IMP', 'live');
      const before = macro.portfolio.state.confluence.pages.length;
      const message = error(
        await call('viewer', 'publish', {
          templateId: 'hypercare-plan',
          implementationKey: key,
          asOf: AS_OF,
        }),
      );
      expect(message).toBe(CANNOT_ADD_PAGES);
      expect(macro.portfolio.state.confluence.pages.length).toBe(before);
      expect(linksOf(key).some((l) => (l.globalId ?? '').startsWith('runway:playbook:'))).toBe(false);
    });
  });

  describe('team templates', () => {
    const template = {
      id: 'security-review',
      title: 'Security review',
      description: 'What the customer security team asks before go-live.',
      sections: [
        {
          id: 'integrations',
          title: 'Integrations',
          blocks: [
            { type: 'items', select: { roles: ['integration'] }, columns: ['key', 'summary', 'owner'] },
          ],
        },
      ],
    };

    it('lets a Jira administrator add one, which then renders like a built-in template', async () => {
      const saved = ok(await call<TemplateSummary>('admin', 'saveTemplate', { template }));
      expect(saved).toEqual({
        id: 'security-review',
        title: 'Security review',
        description: template.description,
        builtIn: false,
      });
      const list = ok(await call<TemplateList>('consultant', 'listTemplates'));
      expect(list.templates.map((t) => t.id)).toContain('security-review');
      const key = implementation('IMP', 'in-flight');
      const doc = ok(
        await call<DocumentAnswer>('consultant', 'getDocument', {
          templateId: 'security-review',
          implementationKey: key,
          asOf: AS_OF,
        }),
      );
      expect(doc.document.sections.map((s) => s.title)).toEqual(['Integrations']);
    });

    it('refuses an invalid one with the reason, and keeps the stored ones', async () => {
      const bad = {
        ...template,
        id: 'broken',
        sections: [{ ...template.sections[0], blocks: [{ type: 'kpis', ids: ['happiness'] }] }],
      };
      expect(error(await call('admin', 'saveTemplate', { template: bad }))).toMatch(
        /^template "broken" is not valid: sections\.0\.blocks\.0\.ids\.0: Invalid option/,
      );
      expect(
        error(await call('admin', 'saveTemplate', { template: { ...template, id: 'uat-plan' } })),
      ).toContain('a built-in template has this id');
      expect(
        ok(await call<TemplateList>('consultant', 'listTemplates')).templates.map((t) => t.id),
      ).not.toContain('broken');
    });

    it('refuses one from a user who is not a Jira administrator', async () => {
      expect(error(await call('consultant', 'saveTemplate', { template: { ...template, id: 'mine' } }))).toBe(
        'Only Jira administrators can add playbook templates.',
      );
    });
  });

  describe('adfExport', () => {
    const exportAs = (as: string, config: unknown) =>
      macro.runExport(as, () =>
        playbookExport({
          exportType: 'pdf',
          context: { siteUrl: ORIGIN, extension: { type: 'macro', config } },
        }),
      );

    it('returns the configured document as valid ADF, title first', async () => {
      const key = implementation('IMP', 'in-flight');
      const adf = await exportAs('consultant', { templateId: 'uat-plan', implementationKey: key });
      expect(adfProblems(adf)).toEqual([]);
      expect(adf.content[0]).toEqual({
        type: 'heading',
        attrs: { level: 1 },
        content: [{ type: 'text', text: domainDocument('uat-plan', key).title }],
      });
    });

    it('returns a valid one-panel document that says what is wrong when it cannot render', async () => {
      const adf = await exportAs('consultant', {});
      expect(adfProblems(adf)).toEqual([]);
      expect(JSON.stringify(adf)).toContain(
        'Choose a playbook template and an implementation in the macro’s settings.',
      );
    });
  });
});
