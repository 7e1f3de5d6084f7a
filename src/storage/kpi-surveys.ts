// A viewer's survey of a gadget scope, kept for a few minutes: which issues of the scope the user
// can see and which are implementations. Surveying a 100,000-issue scope takes two searches of
// 20 id-only pages each (seconds); the gadget's polling calls read it from here instead, so they
// stay well inside the 25 s limit. Stored per user (account id only), with a TTL, so storage
// deletes it by itself; a permission change shows in the gadget within SURVEY_KEEP_MS.
import { z } from 'zod';
import { decodeKeyRanges, encodeKeyRanges } from '../domain/trends';
import { storageKey, type TypedStore } from './store';

/** How long a survey stands in for a new one. */
export const SURVEY_KEEP_MS = 10 * 60_000;
/** Larger surveys (keys that do not compress into ranges) are not kept: the gadget surveys again. */
const MAX_STORED_BYTES = 200 * 1024;

const Ranges = z.record(z.string(), z.string());
const StoredSurvey = z.object({
  at: z.number().int(),
  siteIssueTypes: z.array(z.string()),
  visible: Ranges,
  candidates: Ranges,
});

export interface KeptSurvey {
  at: number;
  siteIssueTypes: Set<string>;
  visible: Set<string>;
  candidates: string[];
}

const surveyKey = (scope: string, asOf: string, accountId: string) =>
  storageKey('kpi', 'survey', scope, asOf, accountId);

export async function readSurvey(
  store: TypedStore,
  scope: string,
  asOf: string,
  accountId: string,
): Promise<KeptSurvey | undefined> {
  const s = await store.get(surveyKey(scope, asOf, accountId), StoredSurvey);
  if (s === undefined) return undefined;
  return {
    at: s.at,
    siteIssueTypes: new Set(s.siteIssueTypes),
    visible: new Set(decodeKeyRanges(s.visible)),
    candidates: decodeKeyRanges(s.candidates),
  };
}

/** Keeps a survey for SURVEY_KEEP_MS; false when it is too large to keep. */
export async function keepSurvey(
  store: TypedStore,
  scope: string,
  asOf: string,
  accountId: string,
  survey: KeptSurvey,
): Promise<boolean> {
  const visible = encodeKeyRanges(survey.visible);
  const candidates = encodeKeyRanges(survey.candidates);
  if (visible === null || candidates === null) return false;
  const value = StoredSurvey.parse({
    at: survey.at,
    siteIssueTypes: [...survey.siteIssueTypes],
    visible,
    candidates,
  });
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_STORED_BYTES) return false;
  await store.kvs.set(surveyKey(scope, asOf, accountId), value, {
    ttl: { unit: 'SECONDS', value: Math.ceil(SURVEY_KEEP_MS / 1000) },
  });
  return true;
}
