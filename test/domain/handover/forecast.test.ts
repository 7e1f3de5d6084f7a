import { defaultConfig, forecastGoLive } from '../../../src/domain';
import { assembleHandoverPacket } from '../../../src/domain/handover';
import { readReporters, type Block } from '../../../src/domain/playbooks';
import { plainText } from '../../builders/document';
import { acme, acmeIssues, AS_OF } from '../playbooks/fixture';

const config = defaultConfig();

describe('the handover packet states the forecast go-live', () => {
  it('in the timeline, with the same date and reason as the forecast rule gives', () => {
    const doc = assembleHandoverPacket(acme(), {
      asOf: AS_OF,
      config,
      reporters: readReporters(acmeIssues()),
    });
    const timeline = doc.sections.find((s) => s.id === 'timeline');
    const paragraphs = (timeline?.blocks ?? [])
      .filter((b): b is Extract<Block, { type: 'paragraph' }> => b.type === 'paragraph')
      .map((b) => b.content.map((c) => plainText([c])).join(''));
    const forecast = forecastGoLive(acme(), config, AS_OF);
    const line = paragraphs.find((p) => p.startsWith('Forecast go-live: '));
    expect(line).toBeDefined();
    expect(line).toContain(forecast.date ?? forecast.explanation);
  });
});
