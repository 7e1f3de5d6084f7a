// Rendering and publishing documents with in-memory ports: a playbook of an implementation, as the
// user; publishing it again updates the page published before, never a second page.
import { forgePorts } from '../../../src/app/forge';
import { getDocument, publish, type MacroContext } from '../../../src/app/documents';
import { DEFAULT_AS_OF } from '../../../src/local/demo/generate';
import { inMemorySite } from '../support/site';

describe('documents of an implementation', () => {
  const site = inMemorySite();
  const onDeliveryPage = (): MacroContext => {
    const space = site.portfolio.state.confluence.spaces.find((s) => s.key === 'IMPL');
    if (!space) throw new Error('no IMPL space');
    return { extension: { content: { id: space.homepageId }, space: { id: space.id, key: space.key } } };
  };
  const request = (implementationKey: string) => ({
    templateId: 'implementation-plan',
    implementationKey,
    asOf: DEFAULT_AS_OF,
  });

  it('renders a playbook of an implementation as the user, publishable from a page', async () => {
    const key = site.implementation('IMP', 'in-flight');
    const answer = await site.as('consultant', () =>
      getDocument(request(key), onDeliveryPage(), forgePorts('user')),
    );
    if (!answer.ok) throw new Error(answer.error);
    expect(answer.data.canPublish).toBe(true);
    expect(JSON.stringify(answer.data.document)).toContain(key);
  });

  it('publishes once per space: the second publish updates the same page', async () => {
    const key = site.implementation('IMP', 'in-flight');
    const publishNow = () =>
      site.as('consultant', () => publish(request(key), onDeliveryPage(), forgePorts('user')));
    const first = await publishNow();
    if (!first.ok) throw new Error(first.error);
    expect(first.data.created).toBe(true);
    expect(await publishNow()).toMatchObject({
      ok: true,
      data: { pageId: first.data.pageId, created: false },
    });
  });

  it('says so when the key is not an implementation, and publishes nothing', async () => {
    const notAnImplementation = site.portfolio.state.issues.find(
      (i) => i.key.startsWith('IMP-') && !site.portfolio.implementations.some((m) => m.key === i.key),
    );
    if (!notAnImplementation) throw new Error('the demo portfolio has child issues');
    expect(
      await site.as('consultant', () =>
        publish(request(notAnImplementation.key), onDeliveryPage(), forgePorts('user')),
      ),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(new RegExp(`^${notAnImplementation.key} is not an implementation`)),
    });
  });
});
