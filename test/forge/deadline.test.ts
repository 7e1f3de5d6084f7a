import { YamlValidator } from '@forge/manifest';
import { z } from 'zod';
import {
  DEADLINE_MARGIN_MS,
  FORGE_TIMEOUT_MS,
  fromForgeRequest,
  invocationDeadline,
} from '../../src/jira/forge';
import { CONSUMER_TIMEOUT_MS } from '../../src/app/kpis/forge';
import { ALERTS_TIMEOUT_MS } from '../../src/triggers/alerts';
import { MARKER_TIMEOUT_MS } from '../../src/triggers/markers';
import { PROVISIONING_TIMEOUT_MS } from '../../src/triggers/provisioning';
import { STATUS_WEEKLY_TIMEOUT_MS } from '../../src/triggers/status-weekly';
import { PRIVACY_TIMEOUT_MS } from '../../src/triggers/privacy';
import { MANIFEST_PATH, ManifestShape } from './support/app';

// The deadline every Forge fetch carries is the function's limit from manifest.yml less a margin,
// so a request never keeps a function waiting until Forge kills it.

const FunctionEntry = z.looseObject({ key: z.string(), timeoutSeconds: z.number().optional() });

async function functionTimeouts(): Promise<Map<string, number | undefined>> {
  const read = await new YamlValidator().validate({ filePath: MANIFEST_PATH });
  if (!read.success) throw new Error('manifest.yml does not validate');
  const manifest = ManifestShape.parse(read.manifestObject?.yamlContent);
  const entries = z.array(FunctionEntry).parse(manifest.modules.function ?? []);
  return new Map(entries.map((f) => [f.key, f.timeoutSeconds]));
}

describe('the invocation deadline', () => {
  it("matches manifest.yml: 25 s where no timeoutSeconds is set, the long functions' own where it is", async () => {
    const timeouts = await functionTimeouts();
    expect(FORGE_TIMEOUT_MS).toBe(25_000);
    const long: Record<string, number> = {
      'snapshot-consumer-fn': CONSUMER_TIMEOUT_MS,
      'alerts-fn': ALERTS_TIMEOUT_MS,
      'marker-consumer-fn': MARKER_TIMEOUT_MS,
      'status-weekly-fn': STATUS_WEEKLY_TIMEOUT_MS,
      'privacy-fn': PRIVACY_TIMEOUT_MS,
      'provision-consumer-fn': PROVISIONING_TIMEOUT_MS,
    };
    for (const [key, ms] of Object.entries(long)) expect([key, timeouts.get(key)]).toEqual([key, ms / 1000]);
    const others = [...timeouts].filter(([key]) => !(key in long));
    expect(others.filter(([, seconds]) => seconds !== undefined)).toEqual([]);
  });

  it('is the limit less a margin, counted from the start of the invocation', () => {
    expect(invocationDeadline(25_000, 1_000_000)).toBe(1_000_000 + 25_000 - DEADLINE_MARGIN_MS);
    expect(invocationDeadline(CONSUMER_TIMEOUT_MS, 0)).toBe(900_000 - DEADLINE_MARGIN_MS);
  });

  it("is carried by every fetch made from Forge's requestJira", () => {
    const requestJira = () => Promise.reject(new Error('not called'));
    expect(fromForgeRequest(requestJira, 123_456).deadlineAt).toBe(123_456);
    const before = Date.now();
    const fetch = fromForgeRequest(requestJira);
    expect(fetch.deadlineAt).toBeGreaterThanOrEqual(invocationDeadline(FORGE_TIMEOUT_MS, before));
    expect(fetch.deadlineAt).toBeLessThanOrEqual(invocationDeadline(FORGE_TIMEOUT_MS, Date.now()));
  });
});
