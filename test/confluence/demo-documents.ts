/** Every document the app can render for the demo portfolio and the worked example export. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildImplementations,
  defaultConfig,
  parseSearchExport,
  type Implementation,
} from '../../src/domain';
import { addDays } from '../../src/domain/dates';
import { assembleHandoverPacket } from '../../src/domain/handover';
import {
  BUILT_IN_TEMPLATES,
  readReporters,
  renderPlaybook,
  type StructuredDocument,
} from '../../src/domain/playbooks';
import { assembleStatusReport } from '../../src/domain/status';
import { DEFAULT_AS_OF, generatePortfolio } from '../../src/local/demo/generate';

export interface Rendered {
  source: string;
  implementation: Implementation;
  documents: StructuredDocument[];
}

function renderAll(json: unknown, asOf: string, source: string): Rendered[] {
  const exported = parseSearchExport(json);
  if (!exported.ok) throw new Error(exported.error);
  const config = defaultConfig();
  const { issues, names } = exported.value;
  const ctx = { asOf, config, reporters: readReporters(issues) };
  return buildImplementations(issues, names, { asOf, config }).implementations.map((implementation) => ({
    source,
    implementation,
    documents: [
      ...BUILT_IN_TEMPLATES.map((t) => renderPlaybook(t, implementation, ctx)),
      assembleHandoverPacket(implementation, ctx),
      assembleStatusReport(implementation, { ...ctx, issues, since: addDays(asOf, -6) }),
    ],
  }));
}

export function demoDocuments(): Rendered[] {
  return renderAll(generatePortfolio({ seed: 1 }).searchExport(), DEFAULT_AS_OF, 'demo portfolio');
}

export function exampleDocuments(): Rendered[] {
  const file = path.resolve(__dirname, '../../../shared/spec/examples/portfolio-small.json');
  return renderAll(JSON.parse(fs.readFileSync(file, 'utf8')), '2026-06-30', 'portfolio-small.json');
}
