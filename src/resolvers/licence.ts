// Runway is a paid app (manifest `app.licensing.enabled`). Forge gives every function the site's
// licence: a resolver as `context.license` (@forge/resolver copies it from the invocation), a
// trigger, scheduled trigger or queue consumer in its context argument. Forge gives no licence in
// development and staging unless the app was installed with `--license-override`, and none for a
// free app: no licence means active, as Forge means it.
// https://developer.atlassian.com/platform/marketplace/listing-forge-apps/#building-a-paid-app
// The check lives here, once; src/index.ts wraps every handler the manifest names with it.
import { z } from 'zod';
import { adfMessage, type AdfDoc } from '../app/documents';
import {
  LICENCE_INACTIVE_MESSAGE,
  licenceInactiveAnswer,
  type LicenceInactiveAnswer,
} from '../contracts/licence';

const License = z.looseObject({ isActive: z.boolean().optional() });
const WithLicense = z.looseObject({ license: z.unknown().optional() });

/** Active unless Forge gave a licence that is not active (undefined / null: development, free app). */
export function licenceActive(license: unknown): boolean {
  if (license === undefined || license === null) return true;
  const parsed = License.safeParse(license);
  return parsed.success && parsed.data.isActive === true;
}

/** The licence of a function's context argument (or of @forge/resolver's backend payload). */
export function licenceOf(context: unknown): unknown {
  const parsed = WithLicense.safeParse(context);
  return parsed.success ? parsed.data.license : undefined;
}

/** A handler as Forge calls it: the request or event, then the invocation context. */
type Handler<A, C, R> = (request: A, context?: C) => Promise<R> | R;

/**
 * A resolver (what `Resolver.getDefinitions()` returns) that answers every call with the
 * licence-inactive answer, and reads nothing, while the licence is not active.
 */
export function licensedResolver<A, C, R>(
  handler: Handler<A, C, R>,
): (request: A, backendRuntimePayload?: C) => Promise<R | LicenceInactiveAnswer> {
  return async (request, backendRuntimePayload) =>
    licenceActive(licenceOf(backendRuntimePayload))
      ? handler(request, backendRuntimePayload)
      : licenceInactiveAnswer();
}

/** A trigger, scheduled trigger or queue consumer that does nothing while the licence is not active. */
export function licensedBackground<A, C>(
  name: string,
  handler: Handler<A, C, void>,
): (event: A, context?: C) => Promise<void> {
  return async (event, context) => {
    if (licenceActive(licenceOf(context))) return handler(event, context);
    console.log(`${name}: skipped, Runway's licence for this site is not active`);
  };
}

/**
 * The workflow validator while the licence is not active: it enforces nothing (an unlicensed app
 * must not hold a site's workflows hostage), so the transition goes ahead.
 */
export function licensedValidator<A, C, R>(
  handler: Handler<A, C, R>,
): (event: A, context?: C) => Promise<R | { result: true }> {
  return async (event, context) =>
    licenceActive(licenceOf(context)) ? handler(event, context) : { result: true };
}

/** An adfExport: the export says the licence is not active instead of showing data. */
export function licensedExport<A, C>(
  handler: Handler<A, C, AdfDoc>,
): (event: A, context?: C) => Promise<AdfDoc> {
  return async (event, context) =>
    licenceActive(licenceOf(context)) ? handler(event, context) : adfMessage(LICENCE_INACTIVE_MESSAGE);
}
