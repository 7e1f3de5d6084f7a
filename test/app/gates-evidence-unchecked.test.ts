// The workflow validator reads Confluence as the app: a page Confluence will not show it (403,
// 404) or a site without Confluence is "could not check this evidence", shown and never a
// failure; for a user, a page they cannot see stays missing.
import { checkEvidence, type GateDeps } from '../../src/app/gates/report';
import { defaultConfig, type AuditRecord } from '../../src/domain';
import { createJiraClient } from '../../src/jira';
import { createTransport } from '../../src/jira/transport';
import { typedStore } from '../../src/storage';

const answering = (status: number) => async () => ({
  status,
  headers: { get: () => null },
  text: async () => JSON.stringify({ message: status === 403 ? 'Forbidden' : 'Not Found' }),
});

const handoverPage: AuditRecord = {
  at: '2026-01-05T10:00:00Z',
  by: { accountId: 'acc-1', displayName: '' },
  gateId: 'handover',
  gateStatus: 'notReady',
  criteria: [],
  action: 'addEvidence',
  evidence: { id: 'ev-1', type: 'confluencePage', target: '98765', title: 'Handover packet', comment: '' },
};

function deps(confluenceStatus: number | null): GateDeps {
  return {
    jira: createJiraClient({ fetch: answering(404) }),
    confluence: confluenceStatus === null ? null : createTransport({ fetch: answering(confluenceStatus) }),
    store: typedStore(),
    config: defaultConfig(),
  };
}

describe('evidence the validator cannot check', () => {
  it.each([403, 404])(
    'a Confluence %i is "could not check" for the app, missing for a user',
    async (status) => {
      const asApp = await checkEvidence(deps(status), [handoverPage], { hiddenPages: 'unknown' });
      expect(asApp.missing.size).toBe(0);
      expect(asApp.warnings).toEqual([
        `Evidence "Handover packet" could not be checked: Confluence answered ${status} to the app`,
      ]);
      const asUser = await checkEvidence(deps(status), [handoverPage]);
      expect([...asUser.missing]).toEqual(['ev-1']);
    },
  );

  it('a site without Confluence is "could not check", never missing', async () => {
    const check = await checkEvidence(deps(null), [handoverPage], { hiddenPages: 'unknown' });
    expect(check.missing.size).toBe(0);
    expect(check.warnings).toEqual([
      'Evidence "Handover packet" could not be checked: Confluence is not reachable',
    ]);
  });
});
