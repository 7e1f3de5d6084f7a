// Plays an issue's life forward: scheduled events (transitions, field edits, worklogs) are
// applied in time order, each writing the changelog history Jira would write. Nothing after
// the snapshot instant (the portfolio's asOf) happens, so the site is the world as of asOf.

import type {
  ChangeItemJson,
  HistoryJson,
  SiteField,
  SiteIssue,
  SiteIssueType,
  SiteNamedThing,
  SiteProject,
  SiteState,
  SiteStatus,
  SiteUser,
} from '../site/model';
import { customDateString, item } from '../site/changelog';
import { optionJson } from '../site/field-changes';
import { DAY_MS, changelogDateString, formatDate, formatJiraTimestamp } from '../site/time';
import type { Rng } from './prng';

export type Change =
  | { kind: 'status'; status: string; resolution?: string }
  | { kind: 'custom'; fieldId: string; value: string | number | null }
  | { kind: 'due'; date: string | null }
  | { kind: 'assignee'; accountId: string | null }
  | { kind: 'priority'; name: string }
  | { kind: 'label'; add: string }
  | { kind: 'work'; seconds: number }
  | { kind: 'estimate'; seconds: number };

export const status = (name: string, resolution?: string): Change =>
  resolution === undefined ? { kind: 'status', status: name } : { kind: 'status', status: name, resolution };
export const custom = (fieldId: string, value: string | number | null): Change => ({
  kind: 'custom',
  fieldId,
  value,
});
export const due = (date: string | null): Change => ({ kind: 'due', date });
export const assign = (accountId: string | null): Change => ({ kind: 'assignee', accountId });
export const priority = (name: string): Change => ({ kind: 'priority', name });
export const label = (add: string): Change => ({ kind: 'label', add });
export const work = (seconds: number): Change => ({ kind: 'work', seconds });
export const estimate = (seconds: number): Change => ({ kind: 'estimate', seconds });

/** Lookups the simulator needs, built once per site. */
export class SimWorld {
  readonly statuses = new Map<string, SiteStatus>();
  readonly statusesById = new Map<string, SiteStatus>();
  readonly resolutionsById = new Map<string, SiteNamedThing>();
  readonly types = new Map<string, SiteIssueType>();
  readonly resolutions = new Map<string, SiteNamedThing>();
  readonly priorities = new Map<string, SiteNamedThing>();
  readonly fields = new Map<string, SiteField>();
  readonly fieldIdByName = new Map<string, string>();
  readonly users = new Map<string, SiteUser>();
  /** Status and resolution change items are the same for every issue that makes the change. */
  private readonly sharedItems = new Map<string, ChangeItemJson>();

  sharedItem(
    field: 'status' | 'resolution',
    from: { id: string; name: string } | undefined,
    to: { id: string; name: string } | undefined,
  ): ChangeItemJson {
    const key = `${field}|${from?.id ?? ''}|${to?.id ?? ''}`;
    let shared = this.sharedItems.get(key);
    if (!shared) {
      shared = item(field, field, from?.id ?? null, from?.name ?? null, to?.id ?? null, to?.name ?? null);
      this.sharedItems.set(key, shared);
    }
    return shared;
  }

  /** fieldId → option value → stored JSON (shared by every issue that holds it). */
  readonly optionJson = new Map<string, Map<string, { self: string; value: string; id: string }>>();

  constructor(
    readonly state: SiteState,
    /** Epoch ms of the snapshot: events after it do not happen. */
    readonly cutoffMs: number,
  ) {
    for (const s of state.statuses) {
      this.statuses.set(s.name, s);
      this.statusesById.set(s.id, s);
    }
    for (const r of state.resolutions) this.resolutionsById.set(r.id, r);
    for (const t of state.issueTypes) this.types.set(t.name, t);
    for (const r of state.resolutions) this.resolutions.set(r.name, r);
    for (const p of state.priorities) this.priorities.set(p.name, p);
    for (const u of state.users) this.users.set(u.accountId, u);
    for (const f of state.fields) {
      this.fields.set(f.id, f);
      if (f.custom && !this.fieldIdByName.has(f.name)) this.fieldIdByName.set(f.name, f.id);
      if (f.kind === 'select') {
        const byValue = new Map<string, { self: string; value: string; id: string }>();
        for (const o of f.contexts?.[0]?.options ?? []) byValue.set(o.value, optionJson(state, o));
        this.optionJson.set(f.id, byValue);
      }
    }
  }

  field(name: string): string {
    const id = this.fieldIdByName.get(name);
    if (!id) throw new Error(`The demo site has no custom field '${name}'`);
    return id;
  }

  statusNamed(name: string): SiteStatus {
    const s = this.statuses.get(name);
    if (!s) throw new Error(`The demo site has no status '${name}'`);
    return s;
  }

  typeNamed(name: string): SiteIssueType {
    const t = this.types.get(name);
    if (!t) throw new Error(`The demo site has no issue type '${name}'`);
    return t;
  }
}

interface Scheduled {
  ms: number;
  seq: number;
  author: SiteUser;
  changes: Change[];
}

export interface IssueInit {
  project: SiteProject;
  type: string;
  summary: string;
  createdMs: number;
  reporter: SiteUser;
  assignee?: SiteUser | null;
  priority?: string;
  labels?: string[];
  duedate?: string | null;
  custom?: Record<string, string | number>;
  originalEstimate?: number | null;
  parent?: IssueSim | null;
}

export class IssueSim {
  readonly issue: SiteIssue;
  readonly createdMs: number;
  readonly parent: IssueSim | null;
  readonly linksTo: Array<{ typeId: string; target: IssueSim }> = [];
  /** Epoch ms of each history, parallel to issue.histories. */
  private lastMs: number;
  private queue: Scheduled[] = [];
  private seq = 0;

  constructor(
    private readonly world: SimWorld,
    init: IssueInit,
  ) {
    const type = world.typeNamed(init.type);
    const created = formatJiraTimestamp(init.createdMs, init.reporter.utcOffsetMinutes);
    this.createdMs = init.createdMs;
    this.lastMs = init.createdMs;
    this.parent = init.parent ?? null;
    const customValues: Record<string, unknown> = {};
    for (const [fieldId, value] of Object.entries(init.custom ?? {}))
      customValues[fieldId] = this.customJson(fieldId, value);
    this.issue = {
      id: '',
      key: '',
      projectId: init.project.id,
      issueTypeId: type.id,
      statusId: type.workflow[0],
      priorityId: world.priorities.get(init.priority ?? 'Medium')?.id ?? null,
      resolutionId: null,
      assigneeId: init.assignee?.accountId ?? null,
      reporterId: init.reporter.accountId,
      creatorId: init.reporter.accountId,
      parentId: null,
      summary: init.summary,
      description: null,
      created,
      updated: created,
      resolutiondate: null,
      statuscategorychangedate: created,
      duedate: init.duedate ?? null,
      labels: init.labels ?? [],
      timeoriginalestimate: init.originalEstimate ?? null,
      timeestimate: init.originalEstimate ?? null,
      timespent: null,
      custom: customValues,
      links: [],
      histories: [],
      properties: {},
      remoteLinks: [],
    };
  }

  /** Whether the issue exists at the snapshot (it was created by then). */
  get exists(): boolean {
    return this.createdMs <= this.world.cutoffMs;
  }

  schedule(ms: number, author: SiteUser, ...changes: Change[]): this {
    this.queue.push({ ms, seq: this.seq++, author, changes });
    return this;
  }

  /** Applies the scheduled events in time order, up to the snapshot. */
  play(): void {
    const queue = this.queue.sort((a, b) => a.ms - b.ms || a.seq - b.seq);
    this.queue = [];
    for (const event of queue) {
      // Histories are at least a minute apart and never before the issue was created.
      const ms = Math.max(event.ms, this.lastMs + 60_000);
      if (ms > this.world.cutoffMs) break;
      const items: ChangeItemJson[] = [];
      for (const change of event.changes) this.apply(change, ms, event.author, items);
      if (items.length === 0) continue;
      this.lastMs = ms;
      const created = formatJiraTimestamp(ms, event.author.utcOffsetMinutes);
      const history: HistoryJson = { id: '', author: event.author.json, created, items };
      this.issue.histories.push(history);
      this.issue.updated = created;
    }
  }

  get lastChangeMs(): number {
    return this.lastMs;
  }

  private customJson(fieldId: string, value: string | number): unknown {
    const field = this.world.fields.get(fieldId);
    if (field?.kind === 'select') {
      const option = this.world.optionJson.get(fieldId)?.get(String(value));
      if (!option) throw new Error(`No option '${value}' for ${field.name}`);
      return option;
    }
    return value;
  }

  private apply(change: Change, ms: number, author: SiteUser, items: ChangeItemJson[]): void {
    const issue = this.issue;
    const world = this.world;
    switch (change.kind) {
      case 'status': {
        const to = world.statusNamed(change.status);
        const from = world.statusesById.get(issue.statusId);
        if (!from || from.id === to.id) return;
        items.push(world.sharedItem('status', from, to));
        const stamp = formatJiraTimestamp(ms, author.utcOffsetMinutes);
        if (from.category !== to.category) issue.statuscategorychangedate = stamp;
        issue.statusId = to.id;
        const prev = issue.resolutionId ? world.resolutionsById.get(issue.resolutionId) : undefined;
        const next =
          to.category === 'done'
            ? (world.resolutions.get(change.resolution ?? to.resolution ?? 'Done') ?? prev)
            : undefined;
        if ((prev?.id ?? null) !== (next?.id ?? null)) {
          items.push(world.sharedItem('resolution', prev, next));
          issue.resolutionId = next?.id ?? null;
          issue.resolutiondate = next ? stamp : null;
        }
        return;
      }
      case 'custom': {
        const field = world.fields.get(change.fieldId);
        if (!field) throw new Error(`No field ${change.fieldId}`);
        const before = issue.custom[change.fieldId] as
          { id?: string; value?: string } | string | number | undefined;
        const next = change.value === null ? null : this.customJson(change.fieldId, change.value);
        if (field.kind === 'select') {
          const prev = before && typeof before === 'object' ? before : null;
          const nxt = next as { id: string; value: string } | null;
          if ((prev?.id ?? null) === (nxt?.id ?? null)) return;
          items.push(
            item(
              field.name,
              field.id,
              prev?.id ?? null,
              prev?.value ?? null,
              nxt?.id ?? null,
              nxt?.value ?? null,
              'custom',
            ),
          );
        } else if (field.kind === 'date') {
          const prev = typeof before === 'string' ? before : null;
          const nxt = next as string | null;
          if (prev === nxt) return;
          items.push(
            item(field.name, field.id, prev, customDateString(prev), nxt, customDateString(nxt), 'custom'),
          );
        } else {
          const prev = before === undefined || typeof before === 'object' ? null : String(before);
          const nxt = next === null ? null : String(next);
          if (prev === nxt) return;
          items.push(item(field.name, field.id, null, prev, null, nxt, 'custom'));
        }
        if (next === null) delete issue.custom[change.fieldId];
        else issue.custom[change.fieldId] = next;
        return;
      }
      case 'due': {
        if (issue.duedate === change.date) return;
        items.push(
          item(
            'duedate',
            'duedate',
            issue.duedate,
            changelogDateString(issue.duedate),
            change.date,
            changelogDateString(change.date),
          ),
        );
        issue.duedate = change.date;
        return;
      }
      case 'assignee': {
        if (issue.assigneeId === change.accountId) return;
        const prev = issue.assigneeId ? world.users.get(issue.assigneeId) : undefined;
        const next = change.accountId ? world.users.get(change.accountId) : undefined;
        items.push(
          item(
            'assignee',
            'assignee',
            prev?.accountId ?? null,
            prev?.displayName ?? null,
            next?.accountId ?? null,
            next?.displayName ?? null,
          ),
        );
        issue.assigneeId = change.accountId;
        return;
      }
      case 'priority': {
        const next = world.priorities.get(change.name);
        if (!next || next.id === issue.priorityId) return;
        const prev = issue.priorityId
          ? world.state.priorities.find((p) => p.id === issue.priorityId)
          : undefined;
        items.push(item('priority', 'priority', prev?.id ?? null, prev?.name ?? null, next.id, next.name));
        issue.priorityId = next.id;
        return;
      }
      case 'label': {
        if (issue.labels.includes(change.add)) return;
        const before = issue.labels.join(' ');
        issue.labels = [...issue.labels, change.add];
        items.push(item('labels', 'labels', null, before, null, issue.labels.join(' ')));
        return;
      }
      case 'estimate': {
        const prev = issue.timeoriginalestimate;
        if (prev === change.seconds) return;
        items.push(
          item(
            'timeoriginalestimate',
            'timeoriginalestimate',
            num(prev),
            num(prev),
            String(change.seconds),
            String(change.seconds),
          ),
        );
        issue.timeoriginalestimate = change.seconds;
        if (issue.timeestimate === null) {
          items.push(
            item('timeestimate', 'timeestimate', null, null, String(change.seconds), String(change.seconds)),
          );
          issue.timeestimate = change.seconds;
        }
        return;
      }
      case 'work': {
        // Logging work writes three items, as Jira does: time spent, the worklog id, remaining.
        const spent = (issue.timespent ?? 0) + change.seconds;
        items.push(
          item(
            'timespent',
            'timespent',
            num(issue.timespent),
            num(issue.timespent),
            String(spent),
            String(spent),
          ),
        );
        const worklogId = String(world.state.counters.worklogId++);
        items.push(item('WorklogId', undefined, null, null, worklogId, worklogId));
        if (issue.timeestimate !== null) {
          const remaining = Math.max(0, issue.timeestimate - change.seconds);
          if (remaining !== issue.timeestimate) {
            items.push(
              item(
                'timeestimate',
                'timeestimate',
                String(issue.timeestimate),
                String(issue.timeestimate),
                String(remaining),
                String(remaining),
              ),
            );
          }
          issue.timeestimate = remaining;
        }
        issue.timespent = spent;
        return;
      }
    }
  }
}

function num(n: number | null): string | null {
  return n === null ? null : String(n);
}

// ---- time helpers ---------------------------------------------------------------------------

/** Day numbers count whole UTC days since 1970-01-01. */
export const dateOfDay = (day: number) => formatDate(day * DAY_MS);

/** Saturday or Sunday. */
export function isWeekend(day: number): boolean {
  const dow = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return dow === 0 || dow === 6;
}

export function nextWorkday(day: number): number {
  let d = day;
  while (isWeekend(d)) d++;
  return d;
}

export function previousWorkday(day: number): number {
  let d = day;
  while (isWeekend(d)) d--;
  return d;
}

/** An instant during the user's working hours on the (work)day, in their own time zone. */
export function workInstant(rng: Rng, day: number, user: SiteUser): number {
  const d = nextWorkday(day);
  const localMinutes = rng.int(8 * 60 + 30, 18 * 60);
  return d * DAY_MS + localMinutes * 60_000 + rng.int(0, 59_999) - user.utcOffsetMinutes * 60_000;
}
