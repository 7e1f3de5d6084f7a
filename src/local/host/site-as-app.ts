/**
 * Jira or Confluence as the app reaches them on the local host (`api.asApp().requestJira`):
 * straight to the emulated site, as the app's account, without HTTP. For the host's own seeding
 * and for benches and tests that call a use case with the app's ports.
 */
import type { HttpFetch } from '../../http';
import { APP_ACCOUNT, type SiteLike } from './forge';

export function siteFetchAsApp(site: SiteLike): HttpFetch {
  return async (path, init = {}) => {
    const answer = await site.handle({
      method: (init.method ?? 'GET').toUpperCase(),
      path,
      headers: init.headers,
      body: init.body ?? null,
      accountId: APP_ACCOUNT,
    });
    return {
      status: answer.status,
      headers: { get: (name) => answer.headers[name.toLowerCase()] ?? null },
      text: async () => answer.body,
    };
  };
}
