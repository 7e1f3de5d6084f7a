// The start form's values, their checks in the form's words, and the request they make.
import { StartRequest } from '../../../src/contracts/implementations';

export interface Values {
  templateId: string;
  summary: string;
  tier: string;
  segment: string | null;
  kickoff: string;
  contractSigned: string;
}

export function nextMonday(today = new Date()): string {
  const d = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}

export function newRequestId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

export function toRequest(v: Values): StartRequest {
  return {
    templateId: v.templateId,
    summary: v.summary,
    tier: v.tier,
    segment: v.segment,
    kickoff: v.kickoff,
    contractSigned: v.contractSigned === '' ? null : v.contractSigned,
  };
}

export const FIELD_NAMES: Record<string, string> = {
  templateId: 'Playbook',
  summary: 'Customer / implementation',
  tier: 'Complexity tier',
  kickoff: 'Kickoff date',
  contractSigned: 'Contract signed',
};

export type FieldErrors = Partial<Record<keyof Values, string>>;

/** Each field's problem, in the form's words. */
export function fieldErrors(v: Values): FieldErrors {
  const parsed = StartRequest.safeParse(toRequest(v));
  if (parsed.success) return {};
  const out: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '') as keyof Values;
    out[key] ??= key === 'kickoff' || key === 'contractSigned' ? 'Enter a date.' : issue.message;
  }
  if (v.contractSigned !== '' && v.kickoff !== '' && v.contractSigned > v.kickoff)
    out.contractSigned ??= 'The contract is signed after kickoff.';
  return out;
}
