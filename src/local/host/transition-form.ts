// The issue view's workflow control: the issue's transitions as Jira offers them to the acting
// user, a Move button, and what Jira answered (a validator's refusal shows next to it). A plain
// form posted to the host, so it works from the keyboard and without script; everything from the
// site is escaped by the `html` template.
import { z } from 'zod';
import { html, Html } from './html';

export interface TransitionOption {
  id: string;
  /** The transition's name (the emulated workflows name each after its target status). */
  name: string;
  to: string;
}

export interface TransitionModel {
  issueKey: string;
  status: string;
  transitions: TransitionOption[];
  /** Jira's refusal of the last move, shown next to the control. */
  error?: string;
  /** Shown after a move went through. */
  notice?: string;
  /** The transition the person picked (kept selected after a refusal). */
  selected?: string;
}

/** GET /rest/api/3/issue/{key}/transitions, the parts the control shows. */
export const TransitionsAnswer = z.object({
  transitions: z.array(
    z.object({ id: z.string(), name: z.string(), to: z.object({ name: z.string() }).optional() }),
  ),
});

export function transitionOptions(json: unknown): TransitionOption[] {
  const parsed = TransitionsAnswer.safeParse(json);
  return parsed.success
    ? parsed.data.transitions.map((t) => ({ id: t.id, name: t.name, to: t.to?.name ?? t.name }))
    : [];
}

/** Jira's error collection in one sentence (errorMessages, then the field errors). */
export function jiraErrorText(status: number, json: unknown): string {
  const parsed = z
    .object({
      errorMessages: z.array(z.string()).default([]),
      errors: z.record(z.string(), z.string()).default({}),
    })
    .safeParse(json);
  const parts = parsed.success
    ? [...parsed.data.errorMessages, ...Object.entries(parsed.data.errors).map(([f, m]) => `${f}: ${m}`)]
    : [];
  return parts.length > 0 ? parts.join(' ') : `Jira answered ${status} and did not move the issue.`;
}

/** The transition id of a posted form (`transition=31`), or undefined when there is none. */
export function postedTransition(body: string): string | undefined {
  const id = new URLSearchParams(body).get('transition') ?? '';
  return /^\d{1,10}$/.test(id) ? id : undefined;
}

const STYLE = `
.runway-transition { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 4px 0 0; }
.runway-transition label { color: var(--ds-text-subtle, #44546f); font-size: 12px; width: 100%; }
.runway-transition select { min-width: 140px; }
.runway-transition button { background: var(--ds-background-brand-bold, #0c66e4); color: var(--ds-text-inverse, #fff); border-color: transparent; }
.runway-transition button:focus-visible, .runway-transition select:focus-visible { outline: 2px solid var(--ds-border-focused, #388bff); outline-offset: 2px; }
.runway-transition-error { margin: 8px 0 0; padding: 8px 12px; border-radius: 3px; border-left: 4px solid var(--ds-border-danger, #e2483d);
  background: var(--ds-background-danger, #ffeceb); color: var(--ds-text, #172b4d); }
.runway-transition-notice { margin: 8px 0 0; padding: 8px 12px; border-radius: 3px; border-left: 4px solid var(--ds-border-success, #22a06b);
  background: var(--ds-background-success, #dcfff1); color: var(--ds-text, #172b4d); }
`;

export function transitionControl(model: TransitionModel): Html {
  const form = model.transitions.length
    ? html`<form
        class="runway-transition"
        method="post"
        action="/browse/${encodeURIComponent(model.issueKey)}/transitions"
        data-testid="transition-form"
      >
        <label for="runway-transition">Move ${model.issueKey} to</label>
        <select id="runway-transition" name="transition" required data-testid="transition-select">
          <option value="" ${model.selected ? '' : html` selected`}>Choose a status</option>
          ${model.transitions.map((t) => html`<option value="${t.id}" ${t.id === model.selected ? html` selected` : ''}>${t.name}</option>`)}
        </select>
        <button type="submit" data-testid="transition-submit">Move</button>
      </form>`
    : html`<p class="muted" data-testid="transition-none">You cannot move this issue.</p>`;
  return html`<style>
      ${new Html(STYLE)}
    </style>
    <span data-testid="issue-status">${model.status}</span>
    ${form}
    ${model.error ? html`<div class="runway-transition-error" role="alert" data-testid="transition-error">${model.error}</div>` : ''}
    ${model.notice ? html`<div class="runway-transition-notice" role="status" data-testid="transition-notice">${model.notice}</div>` : ''}`;
}
