// The Content-Security-Policy Forge puts on every Custom UI resource, computed the way Forge
// computes it: `@forge/csp`'s CSPProcessingService reads the resource's index.html and the
// manifest's `permissions` (content.scripts / content.styles, external.*), then
// CSPInjectionService turns that into the policy the CDN serves. Production settings, with the
// host's own origin as the product hostname (where Forge names the site) and no report-uri (the
// browser tests collect the violations instead of a reporting endpoint).
// https://developer.atlassian.com/platform/forge/manifest-reference/permissions/#content-security-policy
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import type { Permissions } from '@forge/manifest';
import { load } from 'cheerio';
import { z } from 'zod';

const egress = z.union([z.string(), z.object({ address: z.string() })]);
const egressList = z.array(egress).optional();

/** What the CSP reads of manifest.yml's `permissions`; anything else there is not the host's business. */
export const CspPermissions = z
  .object({
    content: z
      .object({
        scripts: z.array(z.string()).optional(),
        styles: z.array(z.literal('unsafe-inline')).optional(),
      })
      .optional(),
    external: z
      .object({
        fetch: z.object({ client: z.array(z.string()).optional() }).optional(),
        fonts: egressList,
        frames: egressList,
        images: egressList,
        media: egressList,
        scripts: egressList,
        styles: egressList,
      })
      .optional(),
  })
  .default({});
export type CspPermissions = z.infer<typeof CspPermissions>;

const quiet = { info: () => undefined };

/** The policy of one resource's HTML, as a header value. */
export function contentSecurityPolicy(
  indexHtml: string,
  permissions: CspPermissions,
  hostOrigin: string,
): string {
  const forgePermissions: Permissions = permissions;
  const details = new CSPProcessingService(quiet, load).getCspDetails(indexHtml, forgePermissions);
  return new CSPInjectionService()
    .getInjectableCSP({ existingCSPDetails: details, microsEnv: 'prod', hostname: hostOrigin })
    .filter((directive) => !directive.startsWith('report-uri '))
    .join('; ');
}
