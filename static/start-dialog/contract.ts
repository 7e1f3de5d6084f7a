// What the implementations page and its "Start from playbook" modal pass each other: the Modal's
// `context` (the start options the page already read) and the payload of `view.close(payload)`
// (what was created, or nothing when the dialog was cancelled).
import { z } from 'zod';
import { StartOptions, StartOutcome } from '../../src/contracts/implementations';

export const StartDialogContext = z.object({ options: StartOptions });
export type StartDialogContext = z.infer<typeof StartDialogContext>;

export const StartDialogResult = z.object({ created: StartOutcome });
export type StartDialogResult = z.infer<typeof StartDialogResult>;
