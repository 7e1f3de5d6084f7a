// Editing RAID items with in-memory ports (as of today: the site stamps new issues with the clock): an item is added under the implementation as the user,
// scored from its probability and impact, edited in place; a user without the permission is
// refused and nothing changes; an issue that is not an implementation's RAID item is never touched.
import { jiraAsUser } from '../../../src/app/forge';
import { createRaidItem, getRaidLog, updateRaidItem, type RaidDeps } from '../../../src/app/raid';
import { defaultConfig } from '../../../src/domain';
import { todayUtc } from '../../../src/app/ports';
import { inMemorySite } from '../support/site';

describe('RAID items of an implementation', () => {
  const site = inMemorySite();
  const deps = (): RaidDeps => ({ jira: jiraAsUser(), config: defaultConfig(), today: todayUtc() });
  const log = async (key: string) => {
    const answer = await site.as('consultant', () => getRaidLog(key, deps()));
    if (!answer.ok) throw new Error(answer.error);
    return answer.data;
  };

  it('adds a risk under the implementation, scored probability × impact', async () => {
    const impl = site.implementation('IMP');
    const before = (await log(impl)).counts.total;
    const created = await site.as('consultant', () =>
      createRaidItem(impl, { kind: 'risk', summary: 'Vendor API late', probability: 4, impact: 5 }, deps()),
    );
    expect(created).toMatchObject({
      ok: true,
      data: { kind: 'risk', summary: 'Vendor API late', probability: 4, impact: 5, score: 20, done: false },
    });
    expect((await log(impl)).counts.total).toBe(before + 1);
  });

  it('edits an item in place and answers the item as it now is', async () => {
    const impl = site.implementation('IMP');
    const item = (await log(impl)).items.find((i) => i.summary === 'Vendor API late');
    if (!item) throw new Error('the risk added above is missing');
    expect(
      await site.as('consultant', () =>
        updateRaidItem(impl, { key: item.key, field: 'impact', value: 2 }, deps()),
      ),
    ).toMatchObject({ ok: true, data: { key: item.key, impact: 2, score: 8 } });
  });

  it('refuses a viewer, who may not create issues in the project', async () => {
    const impl = site.implementation('IMP');
    const before = (await log(impl)).counts.total;
    expect(
      await site.as('viewer', () => createRaidItem(impl, { kind: 'issue', summary: 'Nope' }, deps())),
    ).toEqual({ ok: false, error: 'You do not have permission to create issues in project IMP.' });
    expect((await log(impl)).counts.total).toBe(before);
  });

  it('never edits an issue that is not a RAID item of this implementation', async () => {
    const [mine, other] = [site.implementation('IMP'), site.implementation('ONB')];
    const theirs = (await log(other)).items[0];
    if (!theirs) throw new Error(`${other} has no RAID items`);
    expect(
      await site.as('consultant', () =>
        updateRaidItem(mine, { key: theirs.key, field: 'probability', value: 1 }, deps()),
      ),
    ).toEqual({ ok: false, error: `${theirs.key} is not a RAID item of ${mine} that you can see.` });
  });
});
