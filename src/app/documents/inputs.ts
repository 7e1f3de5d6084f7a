// What a document is rendered from: one implementation as the user sees it, with reporters, and its
// gates from the gate model (criteria, the audit record's sign-offs and evidence, the remote links),
// evidence resolved as the reader (Confluence as them too, when given).
import type { IsoDate, JiraIssue, RunwayConfig } from '../../domain';
import {
  gateViewsFromResults,
  readReporters,
  type RenderContext,
  renderPlaybook,
} from '../../domain/playbooks';
import { HttpError, type JiraClient } from '../../jira';
import type { TypedStore } from '../../storage';
import type { ConfluenceClient } from '../../confluence/client';
import { evaluate, implementationOf, readImplementationIssues } from '../shared';
import { DocumentError } from './io';

export interface DocumentInputs {
  implementation: Parameters<typeof renderPlaybook>[1];
  ctx: RenderContext;
  /** The implementation's issues as read, with their changelogs (the status report's history). */
  issues: readonly JiraIssue[];
  warnings: string[];
}

function notVisible(key: string): DocumentError {
  return new DocumentError(`${key} does not exist, or you do not have permission to see it.`);
}

export async function loadInputs(
  jira: JiraClient,
  store: TypedStore,
  config: RunwayConfig,
  key: string,
  asOf: IsoDate,
  siteUrl: string,
  confluence: ConfluenceClient | null = null,
): Promise<DocumentInputs> {
  let read;
  try {
    read = await readImplementationIssues(jira, config, key, ['reporter']);
  } catch (e) {
    // Jira answers the same for a key that does not exist and one the user may not browse.
    if (e instanceof HttpError && e.status === 400 && e.errorMessages.some((m) => /does not exist/i.test(m)))
      throw notVisible(key);
    throw e;
  }
  const loaded = await implementationOf(jira, config, key, asOf, read);
  if (!loaded) {
    if (!read.issues.some((i) => i.key === key)) throw notVisible(key);
    throw new DocumentError(
      `${key} is not an implementation: Runway renders documents for an Epic labelled "${config.implementationLabel}" or an issue of type ${config.implementationTypes.join(' / ')}.`,
    );
  }
  // Evidence pages and issues are resolved as the reader: what they cannot see shows without a title.
  const report = await evaluate({ jira, confluence, store, config }, loaded, asOf, { checkEvidence: true });
  return {
    implementation: loaded.implementation,
    ctx: {
      asOf,
      config,
      reporters: readReporters(read.issues),
      gates: gateViewsFromResults(
        report.gates,
        siteUrl || undefined,
        report.evidence.sightings,
        report.evidence.people,
      ),
    },
    issues: read.issues,
    warnings: loaded.warnings,
  };
}
