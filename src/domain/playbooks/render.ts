/**
 * A template + one implementation → the structured document. Pure and deterministic: asOf,
 * config, gate views and reporters are arguments; KPIs come from the KPI engine.
 */
import type { RunwayConfig } from '../config';
import type { IsoDate } from '../dates';
import type { Implementation } from '../implementation';
import { computeImplementationKpis } from '../kpis/implementation-kpis';
import {
  checklistBlock,
  factsTable,
  gatesTable,
  hypercareEnd,
  itemsTable,
  kpisTable,
  lifecycleText,
  milestonesTable,
  raciTable,
  raidBlocks,
  type Bound,
} from './bindings';
import { ownerName, type Reporters } from './columns';
import { text, type Block, type DocumentSection, type StructuredDocument } from './document';
import { NONE } from './format';
import { gatesFromIssues, type GateView } from './gates';
import { select } from './select';
import {
  fillPlaceholders,
  type Placeholder,
  type PlaybookTemplate,
  type SectionCondition,
  type TemplateBlock,
} from './template';

export interface RenderContext {
  asOf: IsoDate;
  config: RunwayConfig;
  /** Gate views from the gate model; default: what the Gate issues say. */
  gates?: readonly GateView[];
  /** Reporters by issue key (`readReporters`); default: none known. */
  reporters?: Reporters;
}

export function bind(impl: Implementation, ctx: RenderContext): Bound {
  return {
    impl,
    asOf: ctx.asOf,
    config: ctx.config,
    kpis: computeImplementationKpis(impl, ctx.config, ctx.asOf).kpis,
    gates: ctx.gates ?? gatesFromIssues(impl, ctx.config),
    reporters: ctx.reporters ?? new Map(),
  };
}

export function placeholderValues(b: Bound): Record<Placeholder, string> {
  const { impl } = b;
  return {
    key: impl.key,
    summary: impl.summary,
    tier: impl.tier,
    segment: impl.segment ?? NONE,
    owner: ownerName(impl) ?? 'Unassigned',
    status: impl.status ?? NONE,
    asOf: b.asOf,
    contractSigned: lifecycleText(impl, 'contractSigned'),
    kickoff: lifecycleText(impl, 'kickoff'),
    firstValue: lifecycleText(impl, 'firstValue'),
    goLive: lifecycleText(impl, 'goLive'),
    hypercareEnd: hypercareEnd(impl, b.config) ?? 'not yet (no go-live date)',
  };
}

/** Whether a conditional section applies to this implementation. */
export function sectionApplies(when: SectionCondition | undefined, b: Bound): boolean {
  if (when === undefined) return true;
  const tier = b.impl.tier.toLowerCase();
  if (when.tiers && !when.tiers.some((t) => t.toLowerCase() === tier)) return false;
  if (when.minTier !== undefined) {
    const order = b.config.complexityTiers.map((t) => t.toLowerCase());
    const min = order.indexOf(when.minTier.toLowerCase());
    const at = order.indexOf(tier);
    if (min < 0 || at < min) return false;
  }
  if (when.has && select(b.impl.children, when.has, b.config).length === 0) return false;
  return true;
}

function blockId(sectionId: string, block: TemplateBlock, used: Set<string>): string {
  const base = 'id' in block && block.id !== undefined ? block.id : `${sectionId}-${block.type}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

export function renderBlock(
  block: TemplateBlock,
  id: string,
  b: Bound,
  fill: (s: string) => string,
): Block[] {
  switch (block.type) {
    case 'text':
      return [{ type: 'paragraph', content: [text(fill(block.text))] }];
    case 'guidance':
      return [{ type: 'guidance', text: fill(block.text) }];
    case 'list':
      return [{ type: 'list', items: block.items.map((i) => [text(fill(i))]) }];
    case 'facts':
      return [factsTable(b, id, block.caption)];
    case 'milestones':
      return [milestonesTable(b, id, block.select, block.caption)];
    case 'raid':
      return raidBlocks(b, id, block);
    case 'gates':
      return [gatesTable(b, id, block.gates, block.evidence ?? false, block.caption)];
    case 'kpis':
      return [kpisTable(b, id, block.ids, block.caption)];
    case 'raci':
      return [raciTable(b, id, block.workstreams, block.caption)];
    case 'checklist':
      return [checklistBlock(b, id, block.items, fill, block.caption)];
    case 'items':
      return [itemsTable(b, id, block)];
  }
}

export function renderPlaybook(
  template: PlaybookTemplate,
  impl: Implementation,
  ctx: RenderContext,
): StructuredDocument {
  const b = bind(impl, ctx);
  const values = placeholderValues(b);
  const fill = (s: string) => fillPlaceholders(s, values);
  const used = new Set<string>();
  const sections: DocumentSection[] = [];
  for (const s of template.sections) {
    if (!sectionApplies(s.when, b)) continue;
    const blocks: Block[] = [];
    if (s.guidance !== undefined) blocks.push({ type: 'guidance', text: fill(s.guidance) });
    for (const block of s.blocks) blocks.push(...renderBlock(block, blockId(s.id, block, used), b, fill));
    sections.push({ id: s.id, title: s.title, blocks });
  }
  return {
    kind: 'playbook',
    templateId: template.id,
    title: `${template.title}: ${impl.key}${impl.summary === '' ? '' : ` ${impl.summary}`}`,
    implementation: { key: impl.key, summary: impl.summary, tier: impl.tier },
    asOf: ctx.asOf,
    sections,
  };
}
