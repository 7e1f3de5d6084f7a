// The product pages around the app's frames: a Jira issue view, dashboard, project page and admin
// page, a Confluence page, and the index of everything. Jira-like, themed with the Atlaskit token
// CSS variables (light/dark), escaped throughout (see html.ts).
import type { HostUser, LicenceState } from './forge';
import { html, href, Html } from './html';
import { SURFACE_TYPES, type Surface } from './manifest';

export type ColorMode = 'light' | 'dark';

export interface PageFrame {
  surface: Surface;
  title: string;
  src: string;
  /** Where to go when an edit/config view submits or closes. */
  done?: string;
  /** A link to the edit / config view, if the module has one. */
  editHref?: string;
  /** Shown instead of the iframe when the resource is not built. */
  missing?: string;
}

export interface Chrome {
  title: string;
  product: 'Jira' | 'Confluence';
  user: HostUser;
  users: readonly HostUser[];
  theme: ColorMode;
  /** Current path + query, for the user switcher to come back to. */
  here: string;
  /** The host's licence switch (what Forge passes the app's functions). */
  licence: LicenceState;
  /** Origins of the site: a frame's navigation to its issues and pages opens the host's (host.ts). */
  siteOrigins?: readonly string[];
}

const LICENCE_CHOICES: ReadonlyArray<[LicenceState, string]> = [
  ['none', 'none (development: as active)'],
  ['active', 'active'],
  ['inactive', 'inactive'],
];

/** The licence switch: a plain form (POST /licence), so it works without script. */
function licenceSwitch(chrome: Chrome): Html {
  return html`<form method="post" action="/licence" class="licence" data-testid="licence-switch">
    <label for="runway-licence">Licence</label>
    <select id="runway-licence" name="licence">
      ${LICENCE_CHOICES.map(([value, text]) => html`<option value="${value}" ${value === chrome.licence ? html` selected` : ''}>${text}</option>`)}
    </select>
    <input type="hidden" name="back" value="${chrome.here}" />
    <button type="submit">Set</button>
  </form>`;
}

const STYLE = `
:root { color-scheme: light dark; }
body { margin: 0; background: var(--ds-surface, #fff); color: var(--ds-text, #172b4d);
  font: 14px/1.43 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; }
a { color: var(--ds-link, #0c66e4); text-decoration: none; } a:hover { text-decoration: underline; }
header.nav { display: flex; align-items: center; gap: 16px; padding: 8px 16px; border-bottom: 1px solid var(--ds-border, #dcdfe4);
  background: var(--ds-surface, #fff); position: sticky; top: 0; z-index: 10; }
header.nav .product { font-weight: 653; color: var(--ds-text-brand, #0c66e4); }
header.nav nav { display: flex; gap: 12px; flex: 1; }
header.nav form.licence { display: flex; align-items: center; gap: 4px; margin: 0; }
header.nav label { color: var(--ds-text-subtle, #44546f); font-size: 12px; }
select, button { font: inherit; color: var(--ds-text, #172b4d); background: var(--ds-background-neutral, #f1f2f4);
  border: 1px solid var(--ds-border, #dcdfe4); border-radius: 3px; padding: 4px 8px; }
button { cursor: pointer; }
main { padding: 16px 24px; max-width: 1280px; }
h1 { font-size: 24px; font-weight: 653; margin: 8px 0 16px; } h2 { font-size: 16px; font-weight: 653; margin: 24px 0 8px; }
.crumbs { color: var(--ds-text-subtle, #44546f); font-size: 12px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 280px; gap: 24px; }
.details { border: 1px solid var(--ds-border, #dcdfe4); border-radius: 3px; padding: 12px; align-self: start; }
.details dt { color: var(--ds-text-subtle, #44546f); font-size: 12px; } .details dd { margin: 0 0 8px; }
.panel, .gadget { border: 1px solid var(--ds-border, #dcdfe4); border-radius: 3px; margin: 0 0 16px; background: var(--ds-surface, #fff); }
.panel > .bar, .gadget > .bar { display: flex; justify-content: space-between; align-items: center; padding: 8px 12px;
  border-bottom: 1px solid var(--ds-border, #dcdfe4); font-weight: 600; }
.gadgets { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 16px; }
iframe[data-runway-frame] { display: block; width: 100%; height: 160px; border: 0; background: transparent; }
.missing { padding: 16px; color: var(--ds-text-warning, #a54800); }
table.list { border-collapse: collapse; width: 100%; } table.list th, table.list td { text-align: left; padding: 6px 8px;
  border-bottom: 1px solid var(--ds-border, #dcdfe4); } table.list th { color: var(--ds-text-subtle, #44546f); font-size: 12px; }
.muted { color: var(--ds-text-subtlest, #626f86); }
article.page-body { max-width: 960px; margin: 0 0 24px; } .page-body a { text-decoration: underline; }
.page-body .adf-table { overflow-x: auto; } .page-body table { border-collapse: collapse; margin: 8px 0; }
.page-body th, .page-body td { border: 1px solid var(--ds-border, #dcdfe4); padding: 4px 8px; text-align: left; vertical-align: top; }
.page-body th { background: var(--ds-background-neutral, #f1f2f4); } .page-body td > p, .page-body th > p { margin: 0; }
.adf-panel { display: block; border-radius: 3px; padding: 8px 12px; margin: 8px 0; background: var(--ds-background-information, #e9f2ff); }
.adf-panel[data-panel-type="warning"] { background: var(--ds-background-warning, #fff7d6); }
.adf-panel[data-panel-type="error"] { background: var(--ds-background-danger, #ffeceb); }
.adf-panel[data-panel-type="success"] { background: var(--ds-background-success, #dcfff1); }
.adf-panel > p:first-of-type { display: inline; }
.adf-status { display: inline-block; padding: 0 4px; border-radius: 3px; font-size: 11px; font-weight: 700; text-transform: uppercase;
  background: var(--ds-background-neutral, #f1f2f4); color: var(--ds-text, #172b4d); }
.adf-status[data-color="green"] { background: var(--ds-background-success, #dcfff1); color: var(--ds-text-success, #216e4e); }
.adf-status[data-color="red"] { background: var(--ds-background-danger, #ffeceb); color: var(--ds-text-danger, #ae2e24); }
.adf-status[data-color="yellow"] { background: var(--ds-background-warning, #fff7d6); color: var(--ds-text-warning, #a54800); }
.adf-status[data-color="blue"] { background: var(--ds-background-information, #e9f2ff); color: var(--ds-text-information, #0055cc); }
.adf-tasks { list-style: none; padding-left: 4px; }
#runway-flags { position: fixed; bottom: 16px; left: 16px; display: flex; flex-direction: column; gap: 8px; z-index: 20; }
.runway-flag { background: var(--ds-surface-overlay, #fff); box-shadow: var(--ds-shadow-overlay, 0 4px 8px rgba(9,30,66,.25));
  border-radius: 3px; padding: 12px 16px; max-width: 360px; }
`;

export function layout(chrome: Chrome, body: Html): Html {
  const { user, users, theme } = chrome;
  return html`<!doctype html>
    <html
      lang="en"
      data-color-mode="${theme}"
      data-runway-site="${(chrome.siteOrigins ?? []).join(' ')}"
      data-theme="dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography"
    >
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${chrome.title} - ${chrome.product} (Runway local)</title>
        <link rel="stylesheet" href="/__host/tokens.css" />
        <style>
          ${new Html(STYLE)}
        </style>
        <script src="/__host/host.js" defer></script>
      </head>
      <body>
        <header class="nav">
          <span class="product">${chrome.product}</span>
          <nav>
            <a href="/">Runway local</a>
            <a href="/dashboard">Dashboard</a>
            <a href="/projects">Projects</a>
            <a href="/wiki">Confluence</a>
            <a href="/outbox">Outbox</a>
            <a href="/privacy">Personal data</a>
          </nav>
          ${licenceSwitch(chrome)}
          <label for="runway-user">Acting as</label>
          <select id="runway-user" data-testid="user-switcher">
            ${users.map((u) => html`<option value="${u.alias}" ${u.accountId === user.accountId ? html` selected` : ''}>${u.displayName} (${u.alias}) - ${u.note}</option>`)}
          </select>
          <button
            id="runway-theme"
            type="button"
            aria-pressed="${theme === 'dark'}"
            data-testid="theme-switch"
          >
            ${theme === 'dark' ? 'Light theme' : 'Dark theme'}
          </button>
        </header>
        <main>${body}</main>
        <div id="runway-flags" aria-live="polite"></div>
      </body>
    </html>`;
}

export function frameHtml(frame: PageFrame, kind: 'panel' | 'gadget'): Html {
  const inner = frame.missing
    ? html`<div class="missing">${frame.missing}</div>`
    : html`<iframe
        data-runway-frame
        data-testid="frame-${frame.surface.key}"
        title="${frame.title}"
        src="${frame.src}"
        ${frame.done ? html` data-runway-done="${frame.done}"` : ''}
      ></iframe>`;
  return html`<section class="${kind}" aria-label="${frame.title}">
    <div class="bar">
      <span>${frame.title}</span>${frame.editHref ? html`<a href="${frame.editHref}">Edit</a>` : ''}
    </div>
    ${inner}
  </section>`;
}

export interface IssueSummary {
  key: string;
  summary: string;
  status: string;
  type: string;
  project: { key: string; name: string };
}

export interface IndexModel {
  surfaces: Array<{ surface: Surface; href: string | null; note?: string }>;
  implementations: IssueSummary[];
  projects: Array<{ key: string; name: string }>;
  pages: Array<{ id: string; title: string }>;
}

export function indexPage(chrome: Chrome, model: IndexModel): Html {
  return layout(
    chrome,
    html`<h1>Runway, running locally</h1>
      <p class="muted">
        The app's real resolvers and Custom UI bundles, on a local Jira and Confluence with a demo portfolio.
        Switch the user and the theme at the top right.
      </p>
      <h2>Surfaces</h2>
      <table class="list" data-testid="surfaces">
        <thead>
          <tr>
            <th>Module</th>
            <th>Where</th>
            <th>Key</th>
          </tr>
        </thead>
        <tbody>
          ${model.surfaces.map(
            (s) =>
              html`<tr>
                <td>${s.href ? html`<a href="${s.href}">${s.surface.title}</a>` : s.surface.title}</td>
                <td>
                  ${SURFACE_TYPES[s.surface.type]}${s.note ? html` <span class="muted">(${s.note})</span>` : ''}
                </td>
                <td><code>${s.surface.key}</code></td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>Implementations (${model.implementations.length} you can see)</h2>
      <table class="list" data-testid="implementations">
        <thead>
          <tr>
            <th>Key</th>
            <th>Summary</th>
            <th>Status</th>
            <th>Project</th>
          </tr>
        </thead>
        <tbody>
          ${model.implementations.map(
            (i) =>
              html`<tr>
                <td><a href="/browse/${i.key}">${i.key}</a></td>
                <td>${i.summary}</td>
                <td>${i.status}</td>
                <td>${i.project.name}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>Projects</h2>
      <ul>
        ${model.projects.map((p) => html`<li><a href="/projects/${p.key}">${p.name} (${p.key})</a></li>`)}
      </ul>
      <h2>Confluence pages</h2>
      <ul>
        ${model.pages.map((p) => html`<li><a href="/wiki/pages/${p.id}">${p.title}</a></li>`)}
      </ul>`,
  );
}

/** `workflow`: the status with the control that moves the issue (transition-form.ts). */
export function issuePage(chrome: Chrome, issue: IssueSummary, panels: PageFrame[], workflow?: Html): Html {
  return layout(
    chrome,
    html`<div class="crumbs">
        <a href="/projects/${issue.project.key}">${issue.project.name}</a> /
        <span data-testid="issue-key">${issue.key}</span>
      </div>
      <h1>${issue.summary}</h1>
      <div class="layout">
        <div>
          ${panels.length ? panels.map((p) => frameHtml(p, 'panel')) : html`<p class="muted">No app panel applies to this issue.</p>`}
        </div>
        <dl class="details">
          <dt>Status</dt>
          <dd>${workflow ?? issue.status}</dd>
          <dt>Type</dt>
          <dd>${issue.type}</dd>
          <dt>Project</dt>
          <dd>${issue.project.name}</dd>
        </dl>
      </div>`,
  );
}

export function framesPage(
  chrome: Chrome,
  heading: { crumbs: Html | string; title: string },
  frames: PageFrame[],
  kind: 'panel' | 'gadget',
  /** A Confluence page's own content (page-body.ts), above the app's macros. */
  content?: Html,
): Html {
  return layout(
    chrome,
    html`<div class="crumbs">${heading.crumbs}</div>
      <h1>${heading.title}</h1>
      ${content ? html`<article class="page-body" data-testid="page-body">${content}</article>` : ''}
      ${kind === 'gadget' ? html`<div class="gadgets">${frames.map((f) => frameHtml(f, kind))}</div>` : frames.map((f) => frameHtml(f, kind))}`,
  );
}

export function listPage(
  chrome: Chrome,
  title: string,
  items: Array<{ href: string; text: string; note?: string }>,
  empty: string,
): Html {
  return layout(
    chrome,
    html`<h1>${title}</h1>
      ${
        items.length
          ? html`<ul>
              ${items.map((i) => html`<li><a href="${i.href}">${i.text}</a>${i.note ? html` <span class="muted">${i.note}</span>` : ''}</li>`)}
            </ul>`
          : html`<p class="muted">${empty}</p>`
      }`,
  );
}

/** Jira's issue search (/issues/?jql=…): the query, and the issues it finds as the user. */
export function issueSearchPage(
  chrome: Chrome,
  jql: string,
  result: { ok: true; issues: IssueSummary[]; more: boolean } | { ok: false; error: string },
): Html {
  return layout(
    chrome,
    html`<div class="crumbs">Filters</div>
      <h1>Search work items</h1>
      <form method="get" action="/issues/">
        <label for="jql">JQL</label>
        <input id="jql" name="jql" value="${jql}" size="80" data-testid="search-jql" />
        <button type="submit">Search</button>
      </form>
      ${
        result.ok
          ? html`<p class="muted" data-testid="search-count">
                ${result.more ? `The first ${result.issues.length}` : String(result.issues.length)} work
                item${result.issues.length === 1 ? '' : 's'}
              </p>
              <table class="list" data-testid="search-results">
                <thead>
                  <tr>
                    <th>Key</th>
                    <th>Summary</th>
                    <th>Status</th>
                    <th>Project</th>
                  </tr>
                </thead>
                <tbody>
                  ${result.issues.map(
                    (i) =>
                      html`<tr data-testid="search-row-${i.key}">
                        <td><a href="/browse/${i.key}">${i.key}</a></td>
                        <td>${i.summary}</td>
                        <td>${i.status}</td>
                        <td>${i.project.name}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
          : html`<p role="alert" data-testid="search-error">${result.error}</p>`
      }`,
  );
}

export function messagePage(chrome: Chrome, title: string, message: string): Html {
  return layout(
    chrome,
    html`<h1>${title}</h1>
      <p data-testid="message">${message}</p>
      <p><a href="/">Back to the index</a></p>`,
  );
}

export { href };
