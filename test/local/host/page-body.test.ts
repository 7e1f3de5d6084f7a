// A Confluence page's ADF body in the host's page view: each node becomes escaped HTML (a page's
// text is never markup), the site's issue and page links open the host's own pages, and task
// lists show their state without being clickable.
import { load } from 'cheerio';
import { hostHref, pageBodyHtml } from '../../../src/local/host/page-body';

const SITE = 'https://acme.atlassian.net';
const links = { siteOrigins: [SITE] };
const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const render = (...content: unknown[]) =>
  load(pageBodyHtml(JSON.stringify({ type: 'doc', version: 1, content }), links).value);

describe('a page body in the host', () => {
  it('renders headings, paragraphs, lists, tables, panels and status lozenges as elements', () => {
    const $ = render(
      { type: 'heading', attrs: { level: 2 }, content: [text('Contacts')] },
      p(text('Owned by '), text('Customer Success', [{ type: 'strong' }])),
      { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('one'))] }] },
      {
        type: 'orderedList',
        attrs: { order: 3 },
        content: [{ type: 'listItem', content: [p(text('three'))] }],
      },
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [{ type: 'tableHeader', content: [p(text('Role'))] }] },
          {
            type: 'tableRow',
            content: [{ type: 'tableCell', attrs: { colspan: 2 }, content: [p(text('Sponsor'))] }],
          },
        ],
      },
      { type: 'panel', attrs: { panelType: 'warning' }, content: [p(text('Mind the cutover'))] },
      p({ type: 'status', attrs: { text: 'At risk', color: 'red' } }),
    );
    expect($('h2').text()).toBe('Contacts');
    expect($('p strong').first().text()).toBe('Customer Success');
    expect($('ul > li').text()).toBe('one');
    expect($('ol').attr('start')).toBe('3');
    expect($('table th').text()).toBe('Role');
    expect($('table td').attr('colspan')).toBe('2');
    expect($('aside.adf-panel').attr('data-panel-type')).toBe('warning');
    expect($('aside.adf-panel').text().replace(/\s+/g, ' ').trim()).toBe('Warning: Mind the cutover');
    expect($('.adf-status').attr('data-color')).toBe('red');
    expect($('.adf-status').text()).toBe('At risk');
  });

  it('never renders the page’s text or attributes as markup', () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const $ = render(
      { type: 'heading', attrs: { level: '1><script>' }, content: [text(evil)] },
      p(text(evil, [{ type: 'link', attrs: { href: 'javascript:alert(3)' } }])),
      p({ type: 'status', attrs: { text: evil, color: '"><script>alert(4)</script>' } }),
      p({ type: 'inlineCard', attrs: { url: `https://example.com/"onmouseover="alert(5)` } }),
      { type: 'panel', attrs: { panelType: '"><b>x</b>' }, content: [p(text(evil))] },
    );
    expect($('script, img, b').length).toBe(0);
    expect($('[onerror], [onmouseover]').length).toBe(0);
    expect($('h2').text()).toBe(evil); // an unreadable level is a level-2 heading
    expect($('a[href^="javascript"]').length).toBe(0);
    expect($.root().text()).toContain(evil);
    expect($('a').attr('href')).toBe('https://example.com/%22onmouseover=%22alert(5)');
  });

  it('sends the site’s issue and page links to the host’s issue view and page view, others where they point', () => {
    expect(hostHref(`${SITE}/browse/IMP-12`, links)).toBe('/browse/IMP-12');
    expect(hostHref(`${SITE}/wiki/spaces/IMPL/pages/65538/Handover+packet`, links)).toBe('/wiki/pages/65538');
    expect(hostHref(`${SITE}/wiki/pages/viewpage.action?pageId=65539`, links)).toBe('/wiki/pages/65539');
    expect(hostHref('https://other.atlassian.net/browse/IMP-12', links)).toBe(
      'https://other.atlassian.net/browse/IMP-12',
    );
    expect(hostHref('data:text/html,hi', links)).toBeNull();
    expect(hostHref('/browse/IMP-1', links)).toBeNull();
    const $ = render(
      p(text('IMP-7', [{ type: 'link', attrs: { href: `${SITE}/browse/IMP-7` } }]), {
        type: 'inlineCard',
        attrs: { url: `${SITE}/wiki/spaces/IMPL/pages/65540` },
      }),
    );
    expect(
      $('a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['/browse/IMP-7', '/wiki/pages/65540']);
  });

  it('shows a task list’s state, not clickable', () => {
    const $ = render({
      type: 'taskList',
      attrs: { localId: 't' },
      content: [
        { type: 'taskItem', attrs: { localId: 'a', state: 'DONE' }, content: [text('Sign-off')] },
        { type: 'taskItem', attrs: { localId: 'b', state: 'TODO' }, content: [text('Cutover')] },
      ],
    });
    const boxes = $('input[type="checkbox"]');
    expect(boxes.length).toBe(2);
    expect(boxes.map((_, b) => $(b).attr('disabled') !== undefined).get()).toEqual([true, true]);
    expect(boxes.map((_, b) => $(b).attr('checked') !== undefined).get()).toEqual([true, false]);
    expect($('label').first().text().trim()).toBe('Sign-off');
  });

  it('says so when the body is empty or not ADF, instead of failing the page', () => {
    expect(pageBodyHtml(undefined, links).value).toContain('This page is empty.');
    expect(pageBodyHtml('{not json', links).value).toContain('could not be read');
    expect(pageBodyHtml(JSON.stringify({ type: 'paragraph' }), links).value).toContain('could not be read');
  });

  it('stops at a depth no page reaches instead of overflowing the stack', () => {
    const depth = 20_000; // written as text: JSON.stringify itself would overflow on it
    const json = `{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(depth)}{"type":"text","text":"bottom"}${']}'.repeat(depth)}]}`;
    expect(pageBodyHtml(json, links).value).toMatch(/^(<blockquote>)+(<\/blockquote>)+$/);
  });
});
