// The Handover packet macro's resolver and adfExport on the local host with the demo portfolio:
// the packet of the configured implementation, and publishing it, which links it from the
// implementation so that the Handover gate's "handover packet linked" criterion passes.
import type { DocumentAnswer, ImplementationOptions, Published } from '../../src/contracts/playbook';
import { STAGE_GATES_KEYS, type GetGatesResult } from '../../src/contracts/stage-gates';
import { HANDOVER_SECTIONS } from '../../src/domain/handover';
import { DEFAULT_AS_OF } from '../../src/local/demo/generate';
import { handoverExport } from '../../src/resolvers/handover';
import { adfProblems } from '../confluence/adf-validate';
import { macroOnDeliveryPage, ORIGIN } from './support/macro';
import { error, ok } from './support/result';

const MACRO = 'runway-handover';
const AS_OF = DEFAULT_AS_OF;

describe('Handover packet macro resolver', () => {
  const macro = macroOnDeliveryPage(MACRO, 'handover-1');
  const { call, configure, implementation } = macro;
  /** The Handover gate's "handover packet linked" criterion, as the Stage gates panel shows it. */
  const handoverLinkedCriterion = async (key: string) => {
    const issue = macro.portfolio.state.issues.find((i) => i.key === key);
    const answer = (await macro.forge.invoke({
      moduleKey: 'runway-stage-gates',
      functionKey: STAGE_GATES_KEYS.getGates,
      payload: { asOf: AS_OF },
      as: 'consultant',
      context: { issue: { id: issue?.id ?? '', key, type: 'Epic', typeId: issue?.issueTypeId ?? '' } },
    })) as GetGatesResult;
    if (!answer.ok) throw new Error(answer.error);
    const criterion = answer.data.gates
      .find((g) => g.id === 'handover')
      ?.criteria.find((c) => c.title === 'Handover packet linked');
    if (!criterion) throw new Error('no "Handover packet linked" criterion');
    return criterion.status;
  };

  it('finds implementations for the config view', async () => {
    const key = implementation('ONB', 'hypercare');
    expect(
      ok(
        await call<ImplementationOptions>('consultant', 'searchImplementations', { query: key }),
      ).implementations.map((i) => i.key),
    ).toEqual([key]);
  });

  it('renders the packet of the configured implementation with every section', async () => {
    const key = implementation('IMP', 'hypercare');
    await configure('consultant', { implementationKey: key }, 'configured');
    const answer = ok(await call<DocumentAnswer>('consultant', 'getDocument', { asOf: AS_OF }, 'configured'));
    expect(answer.document).toMatchObject({
      kind: 'handover',
      templateId: 'handover',
      implementation: { key },
    });
    expect(answer.document.sections.map((s) => s.id)).toEqual([...HANDOVER_SECTIONS]);
    const contacts = answer.document.sections
      .find((s) => s.id === 'contacts')
      ?.blocks.find((b) => b.type === 'table');
    expect(contacts?.type === 'table' ? contacts.rows.length : 0).toBe(11);
  });

  it('asks for an implementation while the macro has none, and refuses what the user cannot see', async () => {
    expect(error(await call('consultant', 'getDocument', { asOf: AS_OF }, 'unconfigured'))).toBe(
      'Choose an implementation in the macro’s settings.',
    );
    const hidden = implementation('ENT', 'hypercare');
    await configure('viewer', { implementationKey: hidden }, 'hidden');
    expect(error(await call('viewer', 'getDocument', { asOf: AS_OF }, 'hidden'))).toBe(
      `${hidden} does not exist, or you do not have permission to see it.`,
    );
    expect(error(await call('consultant', 'getDocument', { implementationKey: 'ONB-99999' }))).toBe(
      'ONB-99999 does not exist, or you do not have permission to see it.',
    );
  });

  it('publishes the packet once, updates it after, and links it so the Handover gate criterion passes', async () => {
    const key = implementation('ONB', 'in-flight');
    expect(await handoverLinkedCriterion(key)).toBe('fail');
    const first = ok(await call<Published>('consultant', 'publish', { implementationKey: key, asOf: AS_OF }));
    expect(first).toMatchObject({ created: true, version: 1, linked: true });
    expect(first.title).toMatch(new RegExp(`^Handover packet: ${key} `));
    const second = ok(
      await call<Published>('consultant', 'publish', { implementationKey: key, asOf: AS_OF }),
    );
    expect(second).toMatchObject({ created: false, pageId: first.pageId, version: 2 });
    expect(
      macro.portfolio.state.confluence.pages.filter((p) => p.title === first.title && p.status === 'current'),
    ).toHaveLength(1);
    const links =
      macro.portfolio.state.issues
        .find((i) => i.key === key)
        ?.remoteLinks.filter((l) => l.globalId === `runway:handover-packet:${key}`) ?? [];
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ relationship: 'Handover packet', object: { url: second.url } });
    expect(await handoverLinkedCriterion(key)).toBe('pass');
  });

  it('publishes, but says why it did not link, when the user may not link issues', async () => {
    const key = implementation('IMP', 'in-flight');
    const project = macro.portfolio.state.projects.find((p) => p.key === 'IMP');
    if (!project) throw new Error('no IMP project');
    const holders = project.permissions.LINK_ISSUES;
    project.permissions.LINK_ISSUES = [];
    try {
      const published = ok(
        await call<Published>('consultant', 'publish', { implementationKey: key, asOf: AS_OF }),
      );
      expect(published).toMatchObject({
        created: true,
        linked: false,
        linkError: `You do not have the Link issues permission on ${key}, so the page is not linked from it.`,
      });
      expect(
        macro.portfolio.state.issues
          .find((i) => i.key === key)
          ?.remoteLinks.some((l) => l.globalId === `runway:handover-packet:${key}`),
      ).toBe(false);
    } finally {
      project.permissions.LINK_ISSUES = holders;
    }
  });

  it('exports the packet as valid ADF for PDF and Word', async () => {
    const key = implementation('IMP', 'hypercare');
    const adf = await macro.runExport('consultant', () =>
      handoverExport({
        exportType: 'word',
        context: { siteUrl: ORIGIN, extension: { type: 'macro', config: { implementationKey: key } } },
      }),
    );
    expect(adfProblems(adf)).toEqual([]);
    expect(adf.content[0]).toMatchObject({ type: 'heading', attrs: { level: 1 } });
    const headings = adf.content
      .filter((n) => n.type === 'heading' && n.attrs?.level === 2)
      .map((n) => n.content?.[0]?.text);
    expect(headings).toEqual([
      'Scope and outcomes',
      'Timeline: baseline and actual',
      'Key decisions',
      'Configuration and integrations',
      'Data migration',
      'Open risks, issues and known defects',
      'Gate evidence and sign-offs',
      'KPIs',
      'Contacts and escalation paths',
      'Hypercare plan',
    ]);
  });
});
