// What the local host needs from manifest.yml: the surfaces (modules with a Custom UI resource),
// their resolver functions, the handlers those name in src/index.ts, the resource folders and the
// custom entities of storage. Parsed with zod: a manifest the host cannot use is reported by path.
import * as fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CspPermissions } from './csp';
import { entitiesFromManifest, type EntityDefinition } from './kvs-sqlite';
import { messageOf } from '../../domain';

/** Module types the host can show in a frame, and the product page that frames them. */
export const SURFACE_TYPES = {
  'jira:issuePanel': 'issue view',
  'jira:dashboardGadget': 'dashboard',
  'jira:projectPage': 'project page',
  'jira:adminPage': 'admin page',
  macro: 'Confluence page',
} as const;
export type SurfaceType = keyof typeof SURFACE_TYPES;

export interface Surface {
  type: SurfaceType;
  key: string;
  title: string;
  /** Resource key of the main view. */
  resource: string;
  /** Resource key of the gadget edit view or macro config view, if any. */
  editResource?: string;
  /** Function key of the resolver (`resolver.function`). */
  functionKey?: string;
}

export interface AppManifest {
  surfaces: Surface[];
  /** Function key → `handler` (e.g. `index.kpiGadgetResolver`). */
  handlers: Map<string, string>;
  /** Resource key → folder (e.g. `static/kpi-gadget/dist`), relative to the app root. */
  resources: Map<string, string>;
  entities: EntityDefinition[];
  /** Queue key → function key of its consumer (`consumer` modules). */
  consumers: Map<string, string>;
  /** `jira:workflowValidator` modules backed by a function (expression validators are not emulated). */
  workflowValidators?: Array<{ key: string; functionKey: string }>;
  /** `permissions.content` and `permissions.external`: what the Custom UI CSP is computed from. */
  permissions?: CspPermissions;
  /** Function key → its `timeoutSeconds` and `runtime.memoryMB` (limits.ts). */
  functionRuntime?: Map<string, { timeoutSeconds?: number; memoryMB?: number }>;
  /** Function key → the module types that reference it (decides its time limit). */
  functionReferences?: Map<string, string[]>;
  /** `app.runtime.memoryMB`, the default of every function. */
  defaultMemoryMB?: number;
  /** `scheduledTrigger` modules, with their function's time limit (scheduled.ts runs them on demand). */
  scheduledTriggers?: ScheduledTrigger[];
}

export interface ScheduledTrigger {
  key: string;
  functionKey: string;
  interval: string;
  /** The function's `timeoutSeconds` (Forge: up to 900 for scheduled triggers), else 25. */
  timeoutSeconds: number;
}

const surfaceModule = z.object({
  key: z.string(),
  title: z.string().optional(),
  name: z.string().optional(),
  resource: z.string().optional(),
  resolver: z.object({ function: z.string().optional() }).optional(),
  edit: z.object({ resource: z.string().optional() }).optional(),
  config: z.union([z.boolean(), z.object({ resource: z.string().optional() })]).optional(),
});

const manifestSchema = z.object({
  app: z.looseObject({ runtime: z.looseObject({ memoryMB: z.number().optional() }).optional() }).optional(),
  modules: z.record(z.string(), z.array(z.looseObject({ key: z.string() }))).default({}),
  resources: z.array(z.object({ key: z.string(), path: z.string() })).default([]),
  permissions: CspPermissions,
});

const functionModule = z.object({
  key: z.string(),
  handler: z.string(),
  timeoutSeconds: z.number().optional(),
  runtime: z.looseObject({ memoryMB: z.number().optional() }).optional(),
});

/** Every module's reference to a function: `function`, `resolver.function`, `adfExport.function`. */
function functionReferences(modules: Record<string, Array<Record<string, unknown>>>): Map<string, string[]> {
  const refs = new Map<string, string[]>();
  const add = (key: unknown, type: string) => {
    if (typeof key === 'string') refs.set(key, [...(refs.get(key) ?? []), type]);
  };
  const nested = (v: unknown): unknown =>
    typeof v === 'object' && v !== null && 'function' in v ? v.function : undefined;
  for (const [type, entries] of Object.entries(modules)) {
    if (type === 'function') continue;
    for (const entry of entries) {
      add(entry.function, type);
      add(nested(entry.resolver), type);
      add(nested(entry.adfExport), type);
    }
  }
  return refs;
}

export function parseManifest(raw: unknown): AppManifest {
  const m = manifestSchema.parse(raw);
  const surfaces: Surface[] = [];
  for (const type of Object.keys(SURFACE_TYPES) as SurfaceType[]) {
    for (const entry of m.modules[type] ?? []) {
      const mod = surfaceModule.parse(entry);
      if (!mod.resource) continue;
      const config = typeof mod.config === 'object' ? mod.config.resource : undefined;
      surfaces.push({
        type,
        key: mod.key,
        title: mod.title ?? mod.name ?? mod.key,
        resource: mod.resource,
        editResource: mod.edit?.resource ?? config,
        functionKey: mod.resolver?.function,
      });
    }
  }
  const handlers = new Map<string, string>();
  const functionRuntime = new Map<string, { timeoutSeconds?: number; memoryMB?: number }>();
  for (const fn of m.modules.function ?? []) {
    const parsed = functionModule.parse(fn);
    handlers.set(parsed.key, parsed.handler);
    functionRuntime.set(parsed.key, {
      timeoutSeconds: parsed.timeoutSeconds,
      memoryMB: parsed.runtime?.memoryMB,
    });
  }
  const consumers = new Map<string, string>();
  for (const c of m.modules.consumer ?? []) {
    const parsed = z.object({ queue: z.string(), function: z.string() }).parse(c);
    consumers.set(parsed.queue, parsed.function);
  }
  const workflowValidators = (m.modules['jira:workflowValidator'] ?? []).flatMap((v) => {
    const parsed = z.object({ key: z.string(), function: z.string().optional() }).parse(v);
    return parsed.function ? [{ key: parsed.key, functionKey: parsed.function }] : [];
  });
  const timeouts = new Map(
    (m.modules.function ?? []).map((fn) => {
      const parsed = z.object({ key: z.string(), timeoutSeconds: z.number().optional() }).parse(fn);
      return [parsed.key, parsed.timeoutSeconds ?? 25] as const;
    }),
  );
  const scheduledTriggers = (m.modules.scheduledTrigger ?? []).map((t): ScheduledTrigger => {
    const parsed = z.object({ key: z.string(), function: z.string(), interval: z.string() }).parse(t);
    return {
      key: parsed.key,
      functionKey: parsed.function,
      interval: parsed.interval,
      timeoutSeconds: timeouts.get(parsed.function) ?? 25,
    };
  });
  return {
    surfaces,
    handlers,
    functionRuntime,
    functionReferences: functionReferences(m.modules),
    defaultMemoryMB: m.app?.runtime?.memoryMB,
    consumers,
    workflowValidators,
    permissions: m.permissions,
    scheduledTriggers,
    resources: new Map(m.resources.map((r) => [r.key, r.path])),
    entities: entitiesFromManifest(raw),
  };
}

export function loadManifest(file: string): AppManifest {
  try {
    return parseManifest(parseYaml(fs.readFileSync(file, 'utf8')));
  } catch (e) {
    throw new Error(`Cannot use ${file}: ${messageOf(e)}`, { cause: e });
  }
}
