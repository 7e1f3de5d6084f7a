import { defaultConfig } from '../../../src/domain';
import { isHandoverPacketLink } from '../../../src/domain/gates';
import {
  assembleHandoverPacket,
  HANDOVER_LINK_RELATIONSHIP,
  HANDOVER_SECTIONS,
  handoverLinkGlobalId,
  PLAYBOOK_LINK_RELATIONSHIP,
  playbookLinkGlobalId,
} from '../../../src/domain/handover';
import { readReporters, type ChecklistBlock, type StructuredDocument } from '../../../src/domain/playbooks';
import { plainText, tablesOf } from '../../builders/document';
import { history, statusChange } from '../../builders/jira';
import { acme, acmeIssues, AS_OF } from '../playbooks/fixture';

const config = defaultConfig();
const packet = (asOf = AS_OF) =>
  assembleHandoverPacket(acme(), { asOf, config, reporters: readReporters(acmeIssues()) });

function rows(doc: StructuredDocument, id: string): string[][] {
  const t = tablesOf(doc).find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t.rows.map((r) => r.map(plainText));
}

describe('the handover packet of a known implementation', () => {
  const doc = packet();

  it('has every section the handover needs, in reading order', () => {
    expect(doc.sections.map((s) => [s.id, s.title])).toEqual([
      ['scope', 'Scope and outcomes'],
      ['timeline', 'Timeline: baseline and actual'],
      ['decisions', 'Key decisions'],
      ['integrations', 'Configuration and integrations'],
      ['migration', 'Data migration'],
      ['open-items', 'Open risks, issues and known defects'],
      ['gates', 'Gate evidence and sign-offs'],
      ['kpis', 'KPIs'],
      ['contacts', 'Contacts and escalation paths'],
      ['hypercare', 'Hypercare plan'],
    ]);
    expect(doc.sections.map((s) => s.id)).toEqual([...HANDOVER_SECTIONS]);
    expect(doc).toMatchObject({
      kind: 'handover',
      templateId: 'handover',
      title: 'Handover packet: ACME-1 Acme Corp rollout',
    });
  });

  it('states scope and outcomes: deliverables and outcome KPIs', () => {
    expect(rows(doc, 'deliverables')).toEqual([
      ['ACME-21', 'Solution design document', 'Ben Cruz', 'Done', '2026-03-10'],
      ['ACME-22', 'Admin guide', 'Unassigned', 'To Do', '—'],
    ]);
    expect(rows(doc, 'outcomes').map((r) => r.slice(0, 2))).toEqual([
      ['Time to first value', 'no data'],
      ['Active time to first value', 'no data'],
      ['Time to live', '109 days'],
      ['Active time to live', '109 days'],
      ['Documentation completeness', '50 %'],
      ['CSAT', 'no data'],
      ['Stakeholder confidence', 'no data'],
    ]);
  });

  it('sets the timeline: lifecycle dates with where they were read, and milestones against their baseline', () => {
    expect(rows(doc, 'lifecycle')).toEqual([
      ['Contract signed', '—', '2026-01-05', 'date field'],
      ['Kickoff', '—', '2026-01-12', 'date field'],
      ['First value', '—', '—', '—'],
      ['Go-live', '—', '2026-05-01', 'date field'],
    ]);
    expect(rows(doc, 'milestones').map((r) => [r[0].split(' ')[0], r[2], r[4], r[5]])).toEqual([
      ['ACME-2', '2026-02-10', '2026-02-09', '−1 day'],
      ['ACME-3', '2026-03-01', '2026-03-18', '+17 days'],
      ['ACME-4', '2026-06-01', '—', '+19 days'],
      ['ACME-5', '2026-07-01', '—', '+9 days'],
    ]);
  });

  it('records key decisions: change requests, who raised them and their outcome', () => {
    expect(rows(doc, 'change-requests')).toEqual([
      ['ACME-11', 'Add Spanish locale', 'Cara Diaz', 'Approved', 'Approved', '—'],
      ['ACME-12', 'Custom dashboard', '—', 'Rejected', 'Rejected', '2026-04-01'],
      ['ACME-13', 'Extra report', '—', 'In Review', 'Pending decision', '—'],
    ]);
  });

  it('lists integrations with their success rates, and data migration with its reconciliation', () => {
    expect(rows(doc, 'integrations')).toEqual([
      ['ACME-18', 'ERP integration', 'Ben Cruz', 'Done', '200', '1', '99.5 %'],
      ['ACME-19', 'CRM integration', 'Ben Cruz', 'To Do', '100', '5', '95 %'],
    ]);
    expect(rows(doc, 'integration-kpi')).toEqual([['Integration success rate', '98 %', '≥ 99 %', 'Not met']]);
    expect(rows(doc, 'migration')).toEqual([
      ['ACME-20', 'Customer master migration', 'Ana Lee', 'To Do', '1000', '998', '99.8 %'],
    ]);
    expect(rows(doc, 'migration-kpi')).toEqual([['Reconciliation accuracy', '99.8 %', '≥ 99.5 %', 'Met']]);
  });

  it('hands over what is still open: RAID items and known defects', () => {
    expect(rows(doc, 'open-raid').map((r) => r[0].split(' ')[0])).toEqual([
      'ACME-6',
      'ACME-8',
      'ACME-7',
      'ACME-9',
    ]);
    expect(rows(doc, 'known-defects')).toEqual([
      [
        'ACME-24',
        'Invoices missing tax <b>line</b>',
        'Highest',
        'Dev Patel',
        'Cara Diaz',
        'To Do',
        '2026-05-05',
      ],
    ]);
  });

  it('shows gate evidence and sign-offs, and every KPI', () => {
    expect(rows(doc, 'gates')).toHaveLength(6);
    expect(tablesOf(doc).find((t) => t.id === 'gates')?.columns).toEqual([
      'Gate',
      'State',
      'Criteria',
      'Sign-offs',
      'Evidence',
    ]);
    // every KPI of an implementation (improvement throughput is the portfolio's), active after plain
    const kpis = rows(doc, 'kpis').map((r) => r[0]);
    expect(kpis).toHaveLength(21);
    expect(kpis).not.toContain('Improvement throughput (91 days)');
    expect(kpis.slice(1, 5)).toEqual([
      'Time to first value',
      'Active time to first value',
      'Time to live',
      'Active time to live',
    ]);
  });

  it('shows each duration calendar and active side by side, and the spells on hold', () => {
    expect(rows(doc, 'durations')).toEqual([
      ['Kickoff to first value', 'no data', '—', 'no data'],
      ['Kickoff to go-live', '109 days', '0 days', '109 days'],
    ]);
    expect(rows(doc, 'on-hold')).toEqual([]);
    const held = assembleHandoverPacket(
      acme({
        custom: {
          Complexity: 'Advanced',
          'Kickoff Date': '2026-01-12',
          'Go-Live Date': '2026-05-01',
          'Stakeholder Confidence': 4,
        },
        histories: [
          history('2026-02-01T10:00:00.000+0000', statusChange('In Progress', 'On Hold')),
          history('2026-02-15T10:00:00.000+0000', statusChange('On Hold', 'In Progress')),
          history('2026-06-01T10:00:00.000+0000', statusChange('Live', 'On Hold')),
        ],
      }),
      { asOf: AS_OF, config },
    );
    expect(rows(held, 'durations')[1]).toEqual(['Kickoff to go-live', '109 days', '14 days', '95 days']);
    expect(rows(held, 'on-hold')).toEqual([
      ['2026-02-01', '2026-02-15', '14'],
      ['2026-06-01', 'still on hold (2026-06-15)', '14'],
    ]);
    expect(rows(held, 'facts')).toContainEqual(['Stakeholder confidence', '4']);
  });

  it('names contacts by role from assignees and reporters, and the escalation path', () => {
    expect(rows(doc, 'contacts')).toEqual([
      ['Implementation owner', 'Olga Owner', 'assignee of the implementation'],
      ['Requested by', 'Sam Sales', 'reporter of the implementation'],
      ['Milestone owners', 'Ana Lee, Ben Cruz', 'assignees of milestones'],
      ['Integration owners', 'Ben Cruz', 'assignees of integration items'],
      ['Data migration owners', 'Ana Lee', 'assignees of migration items'],
      ['UAT owners', 'Dev Patel', 'assignees of UAT items'],
      ['Documentation owners', 'Ben Cruz', 'assignees of deliverables'],
      ['RAID owners', 'Ana Lee, Ben Cruz', 'assignees of risks, assumptions, issues and dependencies'],
      ['Defect owners', 'Dev Patel', 'assignees of defects'],
      ['Raised defects and RAID items', 'Cara Diaz', 'reporters of defects and RAID items'],
      ['Escalation owners', 'Eve Moss', 'assignees of items labelled escalation'],
    ]);
    const path = doc.sections.find((s) => s.id === 'contacts')?.blocks.find((b) => b.type === 'list');
    expect(path?.type === 'list' && path.ordered).toBe(true);
    expect(path?.type === 'list' ? path.items.map(plainText) : []).toEqual([
      'The owner of the item or area concerned (table above).',
      'The implementation owner: Olga Owner.',
      'Escalation owners: Eve Moss.',
    ]);
    expect(rows(doc, 'escalations')).toEqual([
      ['ACME-23', 'Escalation: late SSO', 'Eve Moss', 'Cara Diaz', 'To Do', '2026-01-01'],
    ]);
  });

  it('plans hypercare: the window from go-live, its exit criteria and the post-go-live defects', () => {
    const section = doc.sections.find((s) => s.id === 'hypercare');
    expect(section?.blocks[0]).toEqual({
      type: 'paragraph',
      content: [
        {
          type: 'text',
          text: 'Live since 2026-05-01. Hypercare runs for 30 days, until 2026-05-31; then Support owns incidents and Customer Success owns the relationship.',
        },
      ],
    });
    const exit = section?.blocks.find((b): b is ChecklistBlock => b.type === 'checklist');
    expect(exit?.items.map((i) => [plainText(i.content), i.done])).toEqual([
      ['No open P1 defect', false],
      ['No open P2 defect', true],
      ['Handover gate passed', false],
      ['Hypercare Exit gate passed', false],
      ['30 days since go-live', true],
    ]);
    expect([exit?.done, exit?.total]).toEqual([2, 5]);
    expect(rows(doc, 'hypercare-kpis')).toEqual([
      ['Escaped defects (30 days)', '1', '≤ 3', 'Met'],
      ['P1 after go-live (30 days)', '1', '= 0', 'Not met'],
      ['P2 after go-live (30 days)', '0', 'tracked', 'Tracked'],
    ]);
  });

  it('says the hypercare window has not closed before 30 days from go-live', () => {
    const early = packet('2026-05-20');
    const exit = early.sections
      .find((s) => s.id === 'hypercare')
      ?.blocks.find((b): b is ChecklistBlock => b.type === 'checklist');
    expect(exit?.items[4]).toEqual({
      content: [{ type: 'text', text: '30 days since go-live' }],
      done: false,
      detail: 'from 2026-05-31',
    });
  });
});

describe('the remote link of a published document', () => {
  it('has a globalId stable per implementation, which the Handover gate’s criterion recognises', () => {
    expect(handoverLinkGlobalId('ACME-1')).toBe('runway:handover-packet:ACME-1');
    expect(playbookLinkGlobalId('uat-plan', 'ACME-1')).toBe('runway:playbook:uat-plan:ACME-1');
    const link = (globalId: string, relationship: string) => ({
      globalId,
      relationship,
      title: 'Runway: ACME-1',
      url: 'https://acme.atlassian.net/wiki/pages/1',
    });
    expect(isHandoverPacketLink(link(handoverLinkGlobalId('ACME-1'), HANDOVER_LINK_RELATIONSHIP))).toBe(true);
    expect(
      isHandoverPacketLink(link(playbookLinkGlobalId('uat-plan', 'ACME-1'), PLAYBOOK_LINK_RELATIONSHIP)),
    ).toBe(false);
  });
});
