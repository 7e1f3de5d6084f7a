// The implementations page's list with in-memory ports: every implementation of the project the
// user can see, with its health by the domain's rules; a project the user cannot
// browse is refused as Jira refuses it.
import { jiraAsUser } from '../../../src/app/forge';
import { getImplementations } from '../../../src/app/implementations';
import { defaultConfig } from '../../../src/domain';
import { DEFAULT_AS_OF } from '../../../src/local/demo/generate';
import { inMemorySite, type Who } from '../support/site';

describe('the implementations of a project', () => {
  const site = inMemorySite();
  const list = (who: Who, project: string) =>
    site.as(who, () =>
      getImplementations(project, { jira: jiraAsUser(), config: defaultConfig(), today: DEFAULT_AS_OF }),
    );

  it('lists every implementation of the project with its health, as of the day', async () => {
    const answer = await list('consultant', 'IMP');
    if (!answer.ok) throw new Error(answer.error);
    const expected = site.portfolio.implementations.filter((i) => i.project === 'IMP').map((i) => i.key);
    expect(answer.data.implementations.map((i) => i.key).sort()).toEqual([...expected].sort());
    expect(answer.data).toMatchObject({ project: 'IMP', asOf: DEFAULT_AS_OF });
    for (const row of answer.data.implementations) expect(['red', 'amber', 'green']).toContain(row.health);
  });

  it('answers a project the user cannot browse with Jira’s own words, as if it did not exist', async () => {
    const restricted = site.portfolio.restrictedProject;
    if (restricted === null) throw new Error('the demo portfolio has a restricted project');
    expect(await list('viewer', restricted)).toEqual({
      ok: false,
      error: `The value '${restricted}' does not exist for the field 'project'.`,
    });
  });
});
