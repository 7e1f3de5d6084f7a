// The controllers of the product pages: each reads what its page shows as the acting user (see
// site-reader.ts), puts the app's frames in it and renders it with pages.ts. page-routes.ts
// says which URL runs which.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { canEditDashboard } from './dashboard';
import type { HostUser, LocalForge } from './forge';
import type { FrameContext } from './frames';
import { Html } from './html';
import type { Surface } from './manifest';
import * as pages from './pages';
import type { ColorMode, PageFrame } from './pages';
import { pageBodyHtml } from './page-body';
import { isImplementation, summary, type SiteReader } from './site-reader';
import {
  jiraErrorText,
  postedTransition,
  transitionControl,
  transitionOptions,
  type TransitionModel,
} from './transition-form';
import { outboxPage, runAlertsNow, type OutboxDeps } from './outbox';
import { privacyControllers } from './privacy-page';

export interface PageRequest {
  url: URL;
  /** The route's path parameters, decoded. */
  params: Record<string, string>;
  user: HostUser;
  theme: ColorMode;
  chrome: (title: string, product?: 'Jira' | 'Confluence') => pages.Chrome;
  /** Body of a POST (form-encoded). */
  body: string;
}

/** A page (200), a page with its status, a redirect (302 unless said), or nothing here (404). */
export type PageResult =
  Html | { html: Html; status: number } | { redirect: string; status?: number } | undefined;

export interface ControllerDeps {
  forge: LocalForge;
  reader: SiteReader;
  /** The folder of a built resource, or undefined when the manifest has no such resource. */
  resourceDir: (resource: string) => string | undefined;
  /** Signs a frame for its iframe URL (frames.ts). */
  frameToken: (frame: ReturnType<LocalForge['frame']>) => string;
  /** Each user's mail from Jira's notify API: enables /outbox (outbox.ts). */
  outbox?: OutboxDeps['outbox'];
}

const LicenceChoice = z.enum(['none', 'active', 'inactive']);

interface FrameOptions {
  context?: FrameContext;
  localId?: string;
  entry?: 'view' | 'edit';
  done?: string;
  editHref?: string;
  title?: string;
}

export type PageControllers = ReturnType<typeof createPageControllers>;

export function createPageControllers({ forge, reader, resourceDir, frameToken, outbox }: ControllerDeps) {
  const surfacesOf = (type: Surface['type']) => forge.manifest.surfaces.filter((s) => s.type === type);

  function frameFor(surface: Surface, user: HostUser, theme: ColorMode, opts: FrameOptions): PageFrame {
    const entry = opts.entry ?? 'view';
    const resource = entry === 'edit' ? (surface.editResource ?? surface.resource) : surface.resource;
    const frame = forge.frame(surface.key, user.accountId, {
      context: opts.context,
      localId: opts.localId,
      entry,
    });
    const dir = resourceDir(resource);
    const built = dir !== undefined && fs.existsSync(path.join(dir, 'index.html'));
    return {
      surface,
      title: opts.title ?? surface.title,
      src: pages.href(`/app/${encodeURIComponent(resource)}/index.html`, { frame: frameToken(frame), theme }),
      done: opts.done,
      editHref: opts.editHref,
      missing: built
        ? undefined
        : `The Custom UI resource "${resource}" is not built yet (${forge.manifest.resources.get(resource) ?? 'not in manifest.yml'}): run npm run build.`,
    };
  }

  /**
   * The issue view: panels, details, and the status with the transitions the user may take.
   * `flash` is what the last move did: refused (error) or made (present without error).
   */
  async function issueView(
    req: PageRequest,
    key: string,
    flash?: { error?: string; selected?: string },
  ): Promise<Html> {
    const { user, theme } = req;
    const issue = await reader.getIssue(user, key);
    if (!issue)
      return pages.messagePage(
        req.chrome(key),
        'Issue not found',
        `${key} does not exist or you do not have permission to see it.`,
      );
    const project = issue.fields.project;
    const context: FrameContext = {
      issue: {
        id: issue.id,
        key: issue.key,
        type: issue.fields.issuetype?.name ?? '',
        typeId: issue.fields.issuetype?.id ?? '',
      },
      project: project
        ? { id: project.id, key: project.key, type: project.projectTypeKey ?? 'software' }
        : undefined,
    };
    // The panels' display conditions (manifest) limit them to implementations.
    const panels = isImplementation(issue)
      ? surfacesOf('jira:issuePanel').map((s) =>
          frameFor(s, user, theme, { context, localId: `${s.key}-${issue.id}` }),
        )
      : [];
    const transitions = await reader.rest(
      user,
      'GET',
      `/rest/api/3/issue/${encodeURIComponent(issue.key)}/transitions`,
    );
    const status = issue.fields.status?.name ?? '';
    const workflow: TransitionModel = {
      issueKey: issue.key,
      status,
      transitions: transitions.status === 200 ? transitionOptions(transitions.json) : [],
      error: flash?.error,
      selected: flash?.selected,
      notice: flash && !flash.error ? `${issue.key} is now ${status}.` : undefined,
    };
    return pages.issuePage(
      req.chrome(`[${issue.key}] ${issue.fields.summary}`),
      summary(issue),
      panels,
      transitionControl(workflow),
    );
  }

  async function index(req: PageRequest): Promise<PageResult> {
    const { user } = req;
    const impls = await reader.implementations(user);
    const firstImpl = impls[0];
    const projectList = await reader.projects(user);
    const pageList = await reader.confluencePages(user);
    const surfaceLinks = forge.manifest.surfaces.map((surface) => {
      switch (surface.type) {
        case 'jira:issuePanel':
          return {
            surface,
            href: firstImpl ? `/browse/${firstImpl.key}` : null,
            note: firstImpl ? `on ${firstImpl.key}` : 'no implementation visible',
          };
        case 'jira:dashboardGadget':
          return { surface, href: '/dashboard' };
        case 'jira:projectPage':
          return {
            surface,
            href: projectList[0] ? `/projects/${projectList[0].key}/apps/${surface.key}` : null,
            note: projectList[0]?.key,
          };
        case 'jira:adminPage':
          return { surface, href: `/admin/apps/${surface.key}` };
        case 'macro':
          return {
            surface,
            href: pageList[0] ? `/wiki/pages/${pageList[0].id}` : null,
            note: pageList[0]?.title,
          };
      }
    });
    return pages.indexPage(req.chrome('Index'), {
      surfaces: surfaceLinks,
      implementations: impls.map(summary),
      projects: projectList,
      pages: pageList,
    });
  }

  /** `/frame/<module>`: the product page that shows the module (what `pageUrl` links to). */
  async function frameRedirect(req: PageRequest): Promise<PageResult> {
    const { url, user } = req;
    const surface = forge.surface(req.params.moduleKey);
    const entry = url.searchParams.get('entry') === 'edit';
    switch (surface.type) {
      case 'jira:issuePanel': {
        const impl = (await reader.implementations(user))[0];
        return { redirect: impl ? `/browse/${impl.key}` : '/' };
      }
      case 'jira:dashboardGadget':
        return { redirect: entry ? `/dashboard?edit=${encodeURIComponent(surface.key)}` : '/dashboard' };
      case 'jira:projectPage': {
        const p = (await reader.projects(user))[0];
        return { redirect: p ? `/projects/${p.key}/apps/${surface.key}` : '/projects' };
      }
      case 'jira:adminPage':
        return { redirect: `/admin/apps/${surface.key}` };
      case 'macro': {
        const p = (await reader.confluencePages(user))[0];
        return {
          redirect: p
            ? `/wiki/pages/${p.id}${entry ? `?edit=${encodeURIComponent(surface.key)}` : ''}`
            : '/wiki',
        };
      }
    }
  }

  const browse = (req: PageRequest): Promise<PageResult> =>
    issueView(req, req.params.key, req.url.searchParams.has('moved') ? {} : undefined);

  /** The issue view's Move: the transition as the acting user, through the site (and so its validators). */
  async function move(req: PageRequest): Promise<PageResult> {
    const key = req.params.key;
    const transition = postedTransition(req.body);
    if (!transition)
      return {
        html: await issueView(req, key, { error: 'Choose the status to move the issue to.' }),
        status: 400,
      };
    const answer = await reader.rest(
      req.user,
      'POST',
      `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`,
      { transition: { id: transition } },
    );
    if (answer.status === 204 || answer.status === 200)
      return { redirect: `/browse/${encodeURIComponent(key)}?moved=1`, status: 303 };
    return {
      html: await issueView(req, key, {
        error: jiraErrorText(answer.status, answer.json),
        selected: transition,
      }),
      status: answer.status >= 500 ? 502 : answer.status,
    };
  }

  async function dashboard(req: PageRequest): Promise<PageResult> {
    // Only the dashboard's editors get a gadget's Edit (./dashboard.ts); others see the view.
    const editor = canEditDashboard(req.user.accountId);
    const editing = editor ? req.url.searchParams.get('edit') : null;
    const gadgets = surfacesOf('jira:dashboardGadget').map((s) => {
      const edit = editing === s.key && s.editResource !== undefined;
      return frameFor(s, req.user, req.theme, {
        entry: edit ? 'edit' : 'view',
        done: edit ? '/dashboard' : undefined,
        editHref: editor && !edit && s.editResource ? pages.href('/dashboard', { edit: s.key }) : undefined,
        title: edit ? `${s.title}: edit` : s.title,
      });
    });
    return pages.framesPage(
      req.chrome('Dashboard'),
      { crumbs: 'Dashboards', title: 'Runway dashboard' },
      gadgets,
      'gadget',
    );
  }

  /** Jira's issue search, where "Open the issues behind this number" and router.navigate lead. */
  async function issueSearch(req: PageRequest): Promise<PageResult> {
    const jql = req.url.searchParams.get('jql') ?? '';
    if (jql.trim() === '')
      return pages.issueSearchPage(req.chrome('Search'), '', { ok: true, issues: [], more: false });
    const result = await reader.searchPage(req.user, jql);
    return pages.issueSearchPage(
      req.chrome('Search'),
      jql,
      result.ok ? { ok: true, issues: result.issues.map(summary), more: result.more } : result,
    );
  }

  async function projectList(req: PageRequest): Promise<PageResult> {
    const list = await reader.projects(req.user);
    return pages.listPage(
      req.chrome('Projects'),
      'Projects',
      list.map((p) => ({ href: `/projects/${p.key}`, text: `${p.name} (${p.key})` })),
      'You cannot browse any project.',
    );
  }

  /** The project the route names, or the page saying it is not there. */
  async function projectOf(req: PageRequest) {
    const key = req.params.projectKey;
    const project = (await reader.projects(req.user)).find((p) => p.key === key);
    if (project) return project;
    return pages.messagePage(
      req.chrome(key),
      'Project not found',
      `No project ${key} exists or you do not have permission to browse it.`,
    );
  }

  async function project(req: PageRequest): Promise<PageResult> {
    const found = await projectOf(req);
    if (found instanceof Html) return found;
    const modules = surfacesOf('jira:projectPage');
    if (modules.length === 1) return { redirect: `/projects/${found.key}/apps/${modules[0].key}` };
    return pages.listPage(
      req.chrome(found.name),
      found.name,
      modules.map((m) => ({ href: `/projects/${found.key}/apps/${m.key}`, text: m.title })),
      'The app adds no project page.',
    );
  }

  async function projectApp(req: PageRequest): Promise<PageResult> {
    const found = await projectOf(req);
    if (found instanceof Html) return found;
    const surface = surfacesOf('jira:projectPage').find((m) => m.key === req.params.moduleKey);
    if (!surface) return undefined;
    const frame = frameFor(surface, req.user, req.theme, {
      context: { project: { id: found.id, key: found.key, type: found.type } },
      localId: `${surface.key}-${found.id}`,
    });
    return pages.framesPage(
      req.chrome(`${surface.title} - ${found.name}`),
      { crumbs: `Projects / ${found.name}`, title: surface.title },
      [frame],
      'panel',
    );
  }

  async function adminList(req: PageRequest): Promise<PageResult> {
    return pages.listPage(
      req.chrome('Apps'),
      'Jira settings: apps',
      surfacesOf('jira:adminPage').map((m) => ({ href: `/admin/apps/${m.key}`, text: m.title })),
      'The app adds no admin page.',
    );
  }

  async function adminApp(req: PageRequest): Promise<PageResult> {
    const surface = surfacesOf('jira:adminPage').find((m) => m.key === req.params.moduleKey);
    if (!surface) return undefined;
    return pages.framesPage(
      req.chrome(surface.title),
      { crumbs: 'Jira settings / Apps', title: surface.title },
      [frameFor(surface, req.user, req.theme, {})],
      'panel',
    );
  }

  async function wikiList(req: PageRequest): Promise<PageResult> {
    const list = await reader.confluencePages(req.user);
    return pages.listPage(
      req.chrome('Pages', 'Confluence'),
      'Confluence pages',
      list.map((p) => ({ href: `/wiki/pages/${p.id}`, text: p.title })),
      'You cannot see any page.',
    );
  }

  async function wikiPage(req: PageRequest): Promise<PageResult> {
    const found = await reader.confluencePage(req.user, req.params.pageId);
    if (!found)
      return pages.messagePage(
        req.chrome('Page', 'Confluence'),
        'Page not found',
        'This page does not exist or you do not have permission to view it.',
      );
    const editing = req.url.searchParams.get('edit');
    const here = `/wiki/pages/${encodeURIComponent(found.id)}`;
    const macros = surfacesOf('macro').map((s) => {
      const edit = editing === s.key && s.editResource !== undefined;
      return frameFor(s, req.user, req.theme, {
        context: { content: { id: found.id, type: 'page' }, space: found.space },
        localId: `${s.key}-${found.id}`,
        entry: edit ? 'edit' : 'view',
        done: edit ? here : undefined,
        editHref: !edit && s.editResource ? pages.href(here, { edit: s.key }) : undefined,
        title: edit ? `${s.title}: settings` : s.title,
      });
    });
    // The page's own content, then the app's macros on it; the site's links open the host's pages.
    const chrome = req.chrome(found.title, 'Confluence');
    const siteOrigins = [...(chrome.siteOrigins ?? []), ...(found.siteUrl ? [found.siteUrl] : [])];
    return pages.framesPage(
      chrome,
      { crumbs: `Spaces / ${found.space.key}`, title: found.title },
      macros,
      'panel',
      pageBodyHtml(found.body, { siteOrigins }),
    );
  }

  /** The daily alerts' digests the acting user received (outbox.ts); undefined (404) without an outbox. */
  async function outboxOfUser(req: PageRequest): Promise<PageResult> {
    if (!outbox) return undefined;
    return outboxPage(req.chrome('Outbox'), req.user, { forge, outbox }, req.url.searchParams.has('ran'));
  }

  /** Runs the daily alerts now, as the scheduled trigger would (POSTs are same-origin only). */
  async function runOutbox(): Promise<PageResult> {
    if (!outbox) return undefined;
    await runAlertsNow(forge);
    return { redirect: '/outbox?ran=1', status: 303 };
  }

  /** The host's licence switch (a form in every page's header); back to the page it was on. */
  async function setLicence(req: PageRequest): Promise<PageResult> {
    const form = new URLSearchParams(req.body);
    const choice = LicenceChoice.safeParse(form.get('licence'));
    if (!choice.success)
      return {
        html: pages.messagePage(req.chrome('Licence'), 'Licence', 'Choose none, active or inactive.'),
        status: 400,
      };
    forge.licence = choice.data;
    const back = form.get('back') ?? '/';
    // Only a path of this host: never an open redirect.
    return { redirect: back.startsWith('/') && !back.startsWith('//') ? back : '/', status: 303 };
  }

  return {
    ...privacyControllers(forge),
    setLicence,
    index,
    frameRedirect,
    browse,
    move,
    dashboard,
    issueSearch,
    projectList,
    project,
    projectApp,
    adminList,
    adminApp,
    wikiList,
    wikiPage,
    outbox: outboxOfUser,
    runOutbox,
  };
}
