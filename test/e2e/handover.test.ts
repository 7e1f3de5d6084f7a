// The Handover packet macro end to end: its config view and its view in the Confluence page frame
// of the local host (real bundles, real resolver), light and dark; publishing links the packet so
// the Handover gate criterion passes. Screenshots go to test-output/.
import { HANDOVER_SECTIONS } from '../../src/domain/handover';
import { macroInBrowser } from './confluence-macro';
import { backgroundOf, choose, screenshotPath } from './support';

const MACRO = 'runway-handover';

describe('the Handover packet macro in the browser', () => {
  const macro = macroInBrowser(MACRO, ['handover', 'handover-config']);
  const { implementation, pages, configure, open } = macro;

  for (const theme of ['light', 'dark'] as const) {
    it(`is configured by searching the implementation, then shows every section of the packet, in the ${theme} theme`, async () => {
      const page = pages()[theme === 'light' ? 0 : 1];
      const key = implementation('IMP', 'hypercare');
      const { page: tab, frame, errors } = await open(page.id, 'consultant', theme, 'save', true);
      await choose(frame, 'implementation', key, new RegExp(`^${key} `));
      expect(await backgroundOf(frame)).toBe(theme === 'dark' ? 'rgb(31, 31, 33)' : 'rgb(255, 255, 255)');
      await tab.screenshot({ path: screenshotPath(`handover-config-${theme}`), fullPage: true });
      await frame.getByTestId('save').click();
      await tab.waitForURL((url) => !url.searchParams.has('edit'), { timeout: 15_000 });
      const view = tab.frameLocator(`[data-testid="frame-${MACRO}"]`);
      await view.getByTestId('document-title').waitFor({ timeout: 30_000 });
      expect(await view.getByTestId('document-title').innerText()).toMatch(
        new RegExp(`^Handover packet: ${key} `),
      );
      for (const id of HANDOVER_SECTIONS) await view.getByTestId(`section-${id}`).waitFor();
      expect(await view.getByTestId('table-contacts').locator('tbody tr').count()).toBe(11);
      expect(await view.getByTestId('checklist-hypercare-exit-progress').innerText()).toMatch(
        /^\d of 5 complete$/i,
      );
      expect(await view.locator('html').getAttribute('data-color-mode')).toBe(theme);
      expect(await backgroundOf(view)).toBe(theme === 'dark' ? 'rgb(31, 31, 33)' : 'rgb(255, 255, 255)');
      await tab.screenshot({ path: screenshotPath(`handover-${theme}`), fullPage: true });
      expect(errors).toEqual([]);
      await tab.close();
    }, 60_000);
  }

  it('publishes the packet and links it from the implementation, then updates it', async () => {
    const page = pages()[2];
    const key = implementation('ONB', 'in-flight');
    configure(page.id, { implementationKey: key });
    const { page: tab, frame } = await open(page.id, 'consultant', 'light', 'publish');
    await frame.getByTestId('publish').click();
    await frame.getByTestId('publish-result').waitFor({ timeout: 20_000 });
    expect(await frame.getByTestId('publish-result').innerText()).toContain(
      'Linked from the implementation.',
    );
    await frame.getByTestId('publish').click();
    await frame.getByText('Page updated (version 2)').waitFor({ timeout: 20_000 });
    const links =
      macro.app.state.issues
        .find((i) => i.key === key)
        ?.remoteLinks.filter((l) => l.globalId === `runway:handover-packet:${key}`) ?? [];
    expect(links).toHaveLength(1);
    await tab.screenshot({ path: screenshotPath('handover-published'), fullPage: true });
    await tab.close();
  });

  it('tells the viewer the implementation does not exist or is hidden, rather than showing an empty packet', async () => {
    const page = pages()[3];
    const hidden = implementation('ENT', 'hypercare');
    configure(page.id, { implementationKey: hidden });
    const tab = await macro.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await tab.goto(new URL(`/wiki/pages/${page.id}?user=viewer&theme=dark`, macro.app.url).toString());
    const frame = tab.frameLocator(`[data-testid="frame-${MACRO}"]`);
    await frame
      .getByText(`${hidden} does not exist, or you do not have permission to see it.`)
      .waitFor({ timeout: 20_000 });
    await tab.screenshot({ path: screenshotPath('handover-error-hidden-dark'), fullPage: true });
    await tab.close();
  });
  it('shows the durations calendar and active side by side, and the spells on hold, for an implementation put on hold', async () => {
    const { state } = macro.app;
    const statusName = new Map(state.statuses.map((st) => [st.id, st.name]));
    const held = state.issues.find(
      (i) =>
        i.labels.includes('implementation') &&
        !i.key.startsWith('ENT-') &&
        ['Live', 'Hypercare', 'Done'].includes(statusName.get(i.statusId) ?? '') &&
        i.histories.some((h) => h.items.some((it) => it.field === 'status' && it.toString === 'On Hold')),
    );
    if (!held) throw new Error('the demo has no live implementation that was put on hold');
    const page = pages()[0];
    configure(page.id, { implementationKey: held.key });
    const { page: tab, errors } = await open(page.id, 'consultant', 'light', 'document-title');
    const view = tab.frameLocator(`[data-testid="frame-${MACRO}"]`);
    const durations = view.getByTestId('table-durations');
    await durations.waitFor();
    expect(await durations.locator('thead th').allInnerTexts()).toEqual([
      'Duration',
      'Calendar',
      'On hold',
      'Active',
    ]);
    const rows = await durations
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
      );
    expect(rows.map((r) => r[0])).toEqual(['Kickoff to first value', 'Kickoff to go-live']);
    const days = (t: string) => Number(/^(\d+(?:\.\d+)?) days$/.exec(t)?.[1] ?? NaN);
    const [, calendar, onHold, active] = rows[1];
    expect(days(onHold)).toBeGreaterThan(0);
    expect(days(active)).toBe(days(calendar) - days(onHold));
    expect(await view.getByTestId('table-on-hold').locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await tab.screenshot({ path: screenshotPath('handover-on-hold-light'), fullPage: true });
    expect(errors).toEqual([]);
    await tab.close();
  }, 60_000);
});
