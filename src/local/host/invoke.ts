// Calling the app's functions the way Forge does: the manifest names a function key, the function
// names a handler `index.<export>` of src/index.ts, and a Custom UI `invoke` reaches that handler
// as `({ call: { functionKey, payload }, context }, { principal, installContext, … })`, the shape
// @forge/resolver's getDefinitions() unpacks.
import * as path from 'node:path';
import type { AppManifest, Surface } from './manifest';
import type { FunctionIsolates } from './isolate';
import { checkInvokeSize, ForgeLimitError, functionLimits, runWithLimits, type UsageLog } from './limits';
import type { ForgeRuntime, Invocation } from './runtime';
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

/** `index` and `kpiGadgetResolver` of a function's `handler: index.kpiGadgetResolver`. */
export function handlerRef(manifest: AppManifest, functionKey: string): { file: string; exportName: string } {
  const handler = manifest.handlers.get(functionKey);
  if (!handler) throw new Error(`manifest.yml has no function "${functionKey}"`);
  const dot = handler.lastIndexOf('.');
  return { file: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

export function resolveHandler(
  manifest: AppManifest,
  functionKey: string,
  modules: AppModules,
): ForgeHandler {
  const { file, exportName } = handlerRef(manifest, functionKey);
  const fn = modules(file)[exportName];
  if (typeof fn !== 'function')
    throw new Error(
      `Handler ${file}.${exportName} of function "${functionKey}" is not a function exported by src/${file}`,
    );
  return fn as ForgeHandler;
}

/** One call of an app function: its key, the handler's arguments, who and what it runs as. */
export interface FunctionCall {
  functionKey: string;
  /** The handler's arguments: the request or event, then the context Forge passes. */
  args: unknown[];
  invocation: Omit<Invocation, 'invocationId' | 'deadline' | 'functionKey'>;
  /** Overrides the function's time limit (tests, the validators' own budget). */
  timeoutMs?: number;
}

/** Runs app functions within their limits: in a worker of memoryMB each, or in this thread. */
export type FunctionRunner = (call: FunctionCall) => Promise<unknown>;

export function functionRunner(options: {
  runtime: ForgeRuntime;
  manifest: AppManifest;
  /** Worker containers (isolate.ts); without, handlers from `modules` run in this thread. */
  isolates?: FunctionIsolates;
  modules: AppModules;
  timeoutMs?: number;
  usage?: UsageLog;
}): FunctionRunner {
  const { runtime, manifest, isolates, usage } = options;
  return async (call) => {
    const limits = functionLimits(manifest, call.functionKey);
    const timeoutMs = call.timeoutMs ?? options.timeoutMs ?? limits.timeoutMs;
    const invocation = { ...call.invocation, functionKey: call.functionKey, timeoutMs };
    if (!isolates) {
      const handler = resolveHandler(manifest, call.functionKey, options.modules);
      return runWithLimits(
        limits,
        () => runtime.run(invocation, async () => handler(call.args[0], call.args[1])),
        {
          timeoutMs,
          usage,
        },
      );
    }
    const { file, exportName } = handlerRef(manifest, call.functionKey);
    return runtime.run(invocation, () => {
      const bound = runtime.bound();
      return isolates.run({
        limits,
        timeoutMs,
        file,
        exportName,
        args: call.args,
        invocation: { appContext: bound.appContext, timeoutMs },
        fetch: bound.fetch,
        usage,
      });
    });
  };
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
  run: FunctionRunner,
  req: InvokeRequest,
  options: { timeoutMs?: number } = {},
): Promise<unknown> {
  const { surface } = req;
  const functionKey = surface.functionKey;
  if (!functionKey)
    throw new InvocationError(`Module "${surface.key}" has no resolver function in manifest.yml`);
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
    checkInvokeSize('request', functionKey, req.payload);
    const result = await run({
      functionKey,
      args: [
        { call: { functionKey: req.functionKey, payload: req.payload }, context },
        backendRuntimePayload,
      ],
      invocation: {
        accountId: req.accountId,
        moduleKey: surface.key,
        localId: req.localId,
        extension: req.extension,
      },
      timeoutMs: options.timeoutMs,
    });
    checkInvokeSize('response', functionKey, result);
    return result;
  } catch (e) {
    if (e instanceof InvocationError) throw e;
    if (e instanceof ForgeLimitError) throw new InvocationError(e.message, { cause: e });
    throw new InvocationError(`There was an error invoking the function - ${messageOf(e)}`, { cause: e });
  }
}
