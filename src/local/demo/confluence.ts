// The demo Confluence: a delivery space everyone reads, a restricted space for the restricted
// project, and a handover page for every finished implementation, linked from its epic.

import type { ConfluencePage, ConfluenceSpace, SiteState } from '../site/model';
import { findIssue } from '../site/lookup';
import { DAY_MS, formatIsoInstant, parseDate } from '../site/time';
import { DEMO_USERS, GROUPS } from './catalog';
import type { ImplementationSummary } from './plan';

/** How the demo links a handover page from its implementation (Confluence's own link shape). */
export const CONFLUENCE_APP_ID = 'c0ffee00-demo-4000-8000-confluence0';

const text = (value: string) => ({ type: 'text', text: value });
const paragraph = (value: string) => ({ type: 'paragraph', content: [text(value)] });
const heading = (level: number, value: string) => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)],
});

function doc(...content: unknown[]) {
  return { type: 'doc', version: 1, content };
}

export function addDemoPages(
  state: SiteState,
  implementations: readonly ImplementationSummary[],
  restrictedProject: string | null,
  cutoffMs: number,
) {
  const admin = DEMO_USERS.admin.accountId;
  const everyone = [GROUPS.users, 'app'];
  const writers = [GROUPS.consultants, GROUPS.jiraAdmins, 'app'];
  const firstDay =
    implementations.reduce((min, i) => Math.min(min, parseDate(i.contractSigned)), cutoffMs) - 30 * DAY_MS;
  const start = formatIsoInstant(Math.min(firstDay, cutoffMs - 400 * DAY_MS));

  const newPage = (
    space: ConfluenceSpace,
    title: string,
    parentId: string | null,
    createdAt: string,
    body: unknown,
  ): ConfluencePage => {
    const page: ConfluencePage = {
      id: String(state.counters.pageId++),
      spaceId: space.id,
      parentId,
      title,
      status: 'current',
      authorId: admin,
      ownerId: admin,
      createdAt,
      position: state.confluence.pages.filter((p) => p.parentId === parentId && p.spaceId === space.id)
        .length,
      version: { number: 1, message: '', minorEdit: false, authorId: admin, createdAt },
      body: { representation: 'atlas_doc_format', value: body },
    };
    state.confluence.pages.push(page);
    return page;
  };

  const newSpace = (id: string, key: string, name: string, viewGroups: string[]): ConfluenceSpace => {
    const space: ConfluenceSpace = {
      id,
      key,
      name,
      type: 'global',
      authorId: admin,
      createdAt: start,
      homepageId: '',
      viewGroups,
      editGroups: writers,
    };
    state.confluence.spaces.push(space);
    const home = newPage(
      space,
      `${name} Home`,
      null,
      start,
      doc(heading(1, name), paragraph(`Welcome to the ${name} space.`)),
    );
    space.homepageId = home.id;
    return space;
  };

  const delivery = newSpace('98305', 'IMPL', 'Implementation Delivery', everyone);
  const restricted = restrictedProject ? newSpace('98306', 'ENTP', 'Enterprise Programs', writers) : null;
  newPage(
    delivery,
    'Runway playbook library',
    delivery.homepageId,
    start,
    doc(
      heading(1, 'Runway playbook library'),
      paragraph(
        'Templates for implementation plans, UAT, cutover, go-live readiness and hypercare live here.',
      ),
    ),
  );

  for (const impl of implementations) {
    if (impl.stage !== 'done') continue;
    const space = impl.project === restrictedProject && restricted ? restricted : delivery;
    const at = Math.min(parseDate(impl.goLive) + 20 * DAY_MS + 10 * 3_600_000, cutoffMs);
    const title = `Handover packet: ${impl.customer}`;
    const page = newPage(
      space,
      title,
      space.homepageId,
      formatIsoInstant(at),
      doc(
        heading(1, title),
        paragraph(`Implementation ${impl.key}: ${impl.summary}.`),
        paragraph(`Went live on ${impl.goLive}. Complexity ${impl.tier}, segment ${impl.segment}.`),
        heading(2, 'Contacts and escalation'),
        paragraph(
          'Customer Success owns the account from hypercare exit; Support takes incidents through the usual queue.',
        ),
      ),
    );
    const epic = findIssue(state, impl.key);
    epic?.remoteLinks.push({
      id: state.counters.remoteLinkId++,
      globalId: `appId=${CONFLUENCE_APP_ID}&pageId=${page.id}`,
      application: { type: 'com.atlassian.confluence', name: 'Confluence' },
      relationship: 'Wiki Page',
      object: {
        url: `${state.baseUrl}/wiki/spaces/${space.key}/pages/${page.id}`,
        title,
        icon: { url16x16: `${state.baseUrl}/wiki/favicon.ico`, title: 'Confluence' },
      },
    });
  }
}
