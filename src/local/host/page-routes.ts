// The product pages of the host as a route table, in the site's style (src/local/site/handler.ts):
// a method, a path template with `{params}`, and the controller that answers it.
import type { PageControllers, PageRequest, PageResult } from './page-controllers';

export interface PageRoute {
  method: 'GET' | 'POST';
  template: string;
  run: (req: PageRequest) => Promise<PageResult>;
}

export function pageRoutes(c: PageControllers): PageRoute[] {
  return [
    { method: 'GET', template: '/', run: c.index },
    { method: 'GET', template: '/frame/{moduleKey}', run: c.frameRedirect },
    { method: 'GET', template: '/browse/{key}', run: c.browse },
    { method: 'POST', template: '/browse/{key}/transitions', run: c.move },
    { method: 'GET', template: '/dashboard', run: c.dashboard },
    { method: 'GET', template: '/issues', run: c.issueSearch },
    { method: 'GET', template: '/projects', run: c.projectList },
    { method: 'GET', template: '/projects/{projectKey}', run: c.project },
    { method: 'GET', template: '/projects/{projectKey}/apps/{moduleKey}', run: c.projectApp },
    { method: 'GET', template: '/admin', run: c.adminList },
    { method: 'GET', template: '/admin/apps/{moduleKey}', run: c.adminApp },
    { method: 'GET', template: '/wiki', run: c.wikiList },
    { method: 'GET', template: '/wiki/pages/{pageId}', run: c.wikiPage },
    { method: 'POST', template: '/licence', run: c.setLicence },
    { method: 'GET', template: '/outbox', run: c.outbox },
    { method: 'POST', template: '/outbox/run', run: c.runOutbox },
    { method: 'GET', template: '/privacy', run: c.privacy },
    { method: 'POST', template: '/privacy/accounts', run: c.markAccount },
    { method: 'POST', template: '/privacy/run', run: c.runPrivacy },
  ];
}

interface CompiledRoute extends PageRoute {
  pattern: RegExp;
  paramNames: string[];
}

function compile(route: PageRoute): CompiledRoute {
  const paramNames: string[] = [];
  const source = route.template
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const m = /^\{(\w+)\}$/.exec(segment);
      if (!m) return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
      paramNames.push(m[1]);
      return '/([^/]+)';
    })
    .join('');
  return { ...route, pattern: new RegExp(`^${source}/?$`), paramNames };
}

export interface PageMatch {
  route?: PageRoute;
  params: Record<string, string>;
  /** Some route has this path (so another method is a 405, not a 404). */
  pathMatched: boolean;
}

export function pageRouter(routes: PageRoute[]): (method: string, pathname: string) => PageMatch {
  const compiled = routes.map(compile);
  return (method, pathname) => {
    let pathMatched = false;
    for (const route of compiled) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.paramNames.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1]);
      });
      return { route, params, pathMatched };
    }
    return { params: {}, pathMatched };
  };
}
