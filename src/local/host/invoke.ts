// Calling the app's functions the way Forge does: the manifest names a function key, the function
// names a handler `index.<export>` of src/index.ts, and a Custom UI `invoke` reaches that handler
// as `({ call: { functionKey, payload }, context }, { principal, installContext, … })`, the shape
// @forge/resolver's getDefinitions() unpacks.
import * as path from 'node:path';
import type { AppManifest, Surface } from './manifest';
import { checkInvokeSize, ForgeLimitError, functionLimits, runWithLimits, type UsageLog } from './limits';
import type { ForgeRuntime } from './runtime';
import { messageOf } from '../../domain';

export type ForgeHandler = (request: unknown, backendRuntimePayload?: unknown) => unknown;

/** The app's handler module(s): `index` → the exports of src/index.ts. */
export type AppModules = (file: string) => Record<string, unknown>;

/**
 * Loads `src/<file>` of the app next to this host: src/index.ts under jest (swc), dist/src/index.js
 * when the CLI runs from the build. Loaded lazily, so the host starts even while a handler is missing.
 */
export const loadAppModule: AppModules = (file) => {
  const loaded: unknown = require(path.join(__dirname, '..', '..', file));
  if (typeof loaded !== 'object' || loaded === null) throw new Error(`src/${file} exports nothing`);
  return loaded as Record<string, unknown>;
};

export function resolveHandler(
  manifest: AppManifest,
  functionKey: string,
  modules: AppModules,
): ForgeHandler {
  const handler = manifest.handlers.get(functionKey);
  if (!handler) throw new Error(`manifest.yml has no function "${functionKey}"`);
  const dot = handler.lastIndexOf('.');
  const file = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const fn = modules(file)[exportName];
  if (typeof fn !== 'function')
    throw new Error(
      `Handler ${handler} of function "${functionKey}" is not a function exported by src/${file}`,
    );
  return fn as ForgeHandler;
}

export interface InvokeRequest {
  surface: Surface;
  /** The resolver key (`invoke('getPortfolioKpis', …)`). */
  functionKey: string;
  payload?: unknown;
  /** The acting user. */
  accountId: string;
  extension: Record<string, unknown>;
  localId: string;
  /** The site's app licence as Forge passes it (undefined: none, as in development). */
  license?: unknown;
}

export class InvocationError extends Error {}

/** Runs a resolver call of a surface as its user; rejects like the Forge bridge does when the function fails or breaks a limit (limits.ts). */
export async function invokeResolver(
  runtime: ForgeRuntime,
  manifest: AppManifest,
  modules: AppModules,
  req: InvokeRequest,
  options: { timeoutMs?: number; usage?: UsageLog } = {},
): Promise<unknown> {
  const { surface } = req;
  if (!surface.functionKey)
    throw new InvocationError(`Module "${surface.key}" has no resolver function in manifest.yml`);
  const handler = resolveHandler(manifest, surface.functionKey, modules);
  const limits = functionLimits(manifest, surface.functionKey);
  const ctx = runtime.context;
  const context = {
    localId: req.localId,
    cloudId: ctx.cloudId,
    moduleKey: surface.key,
    siteUrl: ctx.siteUrl,
    environmentId: ctx.environmentId,
    environmentType: ctx.environmentType,
    accountId: req.accountId,
    accountType: 'licensed',
    extension: req.extension,
  };
  const backendRuntimePayload = {
    principal: { accountId: req.accountId },
    installContext: `ari:cloud:jira::site/${ctx.cloudId}`,
    license: req.license,
    installation: undefined,
  };
  try {
    checkInvokeSize('request', surface.functionKey, req.payload);
    const timeoutMs = options.timeoutMs ?? limits.timeoutMs;
    const result = await runWithLimits(
      limits,
      () =>
        runtime.run(
          {
            accountId: req.accountId,
            moduleKey: surface.key,
            functionKey: surface.functionKey,
            localId: req.localId,
            extension: req.extension,
            timeoutMs,
          },
          async () =>
            handler(
              { call: { functionKey: req.functionKey, payload: req.payload }, context },
              backendRuntimePayload,
            ),
        ),
      { timeoutMs, usage: options.usage },
    );
    checkInvokeSize('response', surface.functionKey, result);
    return result;
  } catch (e) {
    if (e instanceof InvocationError) throw e;
    if (e instanceof ForgeLimitError) throw new InvocationError(e.message, { cause: e });
    throw new InvocationError(`There was an error invoking the function - ${messageOf(e)}`, { cause: e });
  }
}
