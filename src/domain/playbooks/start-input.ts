/**
 * What a person asks for when starting an implementation from a playbook. Its own small file so
 * that the Custom UI can validate the form with the same schema without bundling the engine.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../dates';

/** The Segment options of data-model.md (a site's own Segment field may offer others). */
export const DEFAULT_SEGMENTS = ['SMB', 'Mid-Market', 'Enterprise'] as const;

export const StartInputSchema = z.strictObject({
  templateId: z.string().trim().min(1, 'choose a playbook').max(63),
  /** The implementation's summary, usually the customer's name and the scope. */
  summary: z
    .string()
    .trim()
    .min(1, 'name the customer or the implementation')
    .max(200, 'is longer than 200 characters'),
  tier: z.string().trim().min(1, 'choose a complexity tier'),
  segment: z.string().trim().min(1).nullable(),
  kickoff: IsoDateSchema,
  contractSigned: IsoDateSchema.nullable(),
});
export type StartInput = z.infer<typeof StartInputSchema>;

/**
 * An implementation's name as Jira users tell two apart: case and spacing aside. Two starts with
 * the same name in one project are the same implementation.
 */
export const implementationName = (summary: string): string =>
  summary.trim().replace(/\s+/g, ' ').toLowerCase();
