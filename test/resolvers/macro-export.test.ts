// The macros' adfExport for PDF and Word, with every payload shape Confluence sends it: the saved
// configuration at `context.extension.config`, `extension.config`, `extensionPayload.config`,
// `context.config` or `config`. Run as the exporting user, as Forge runs it.
import { handoverExport, playbookExport } from '../../src/index';
import { exportContext } from '../../src/app/documents';
import { adfProblems } from '../confluence/adf-validate';
import { macroOnDeliveryPage, ORIGIN } from './support/macro';

type Shape = (config: Record<string, unknown>, exportType: string) => Record<string, unknown>;

const SHAPES: Record<string, Shape> = {
  'context.extension.config': (config, exportType) => ({
    exportType,
    context: { siteUrl: ORIGIN, extension: { type: 'macro', config } },
  }),
  'extension.config': (config, exportType) => ({
    exportType,
    extension: { type: 'macro', config, content: { id: '1' } },
    context: { siteUrl: ORIGIN },
  }),
  'extensionPayload.config': (config, exportType) => ({
    exportType,
    extensionPayload: { config, macro: { key: 'runway-playbook' } },
    context: { siteUrl: ORIGIN, extension: { type: 'macro' } },
  }),
  'context.config': (config, exportType) => ({ exportType, context: { siteUrl: ORIGIN, config } }),
  config: (config, exportType) => ({ exportType, config }),
};

const title = (adf: { content: Array<{ type: string; content?: Array<{ text?: string }> }> }) =>
  adf.content[0]?.type === 'heading' ? adf.content[0].content?.[0]?.text : undefined;

describe('adfExport of the Playbook macro', () => {
  const macro = macroOnDeliveryPage('runway-playbook', 'playbook-export');

  for (const [shape, payload] of Object.entries(SHAPES)) {
    for (const exportType of ['pdf', 'word']) {
      it(`renders the configured playbook for ${exportType} with the config at ${shape}`, async () => {
        const key = macro.implementation('IMP', 'in-flight');
        const adf = await macro.runExport('consultant', () =>
          playbookExport(payload({ templateId: 'uat-plan', implementationKey: key }, exportType)),
        );
        expect(adfProblems(adf)).toEqual([]);
        expect(title(adf)).toContain(key);
        expect(JSON.stringify(adf)).not.toContain('Choose a playbook template');
      });
    }
  }

  it('prefers the macro context’s own config when a payload carries more than one', () => {
    const ctx = exportContext({
      context: { extension: { config: { templateId: 'a' } }, config: { templateId: 'c' } },
      extensionPayload: { config: { templateId: 'b' } },
    });
    expect(ctx.extension?.config).toEqual({ templateId: 'a' });
    expect(
      exportContext({ extensionPayload: { config: { templateId: 'b' } }, config: { x: 1 } }).extension
        ?.config,
    ).toEqual({
      templateId: 'b',
    });
  });

  it('says what is missing, as valid ADF, when no shape carries a config', async () => {
    const adf = await macro.runExport('consultant', () => playbookExport({ exportType: 'pdf', context: {} }));
    expect(adfProblems(adf)).toEqual([]);
    expect(JSON.stringify(adf)).toContain(
      'Choose a playbook template and an implementation in the macro’s settings.',
    );
  });

  it('reads Jira as the exporting user: one who cannot see the implementation gets no data', async () => {
    const key = macro.implementation('ENT', 'in-flight');
    const config = { templateId: 'uat-plan', implementationKey: key };
    const asAdmin = await macro.runExport('admin', () => playbookExport(SHAPES.config(config, 'pdf')));
    expect(title(asAdmin)).toContain(key);
    const asViewer = await macro.runExport('viewer', () => playbookExport(SHAPES.config(config, 'pdf')));
    expect(title(asViewer)).toBeUndefined();
    expect(JSON.stringify(asViewer)).not.toContain(
      macro.portfolio.implementations.find((i) => i.key === key)?.customer ?? '--',
    );
  });
});

describe('adfExport of the Handover packet macro', () => {
  const macro = macroOnDeliveryPage('runway-handover', 'handover-export');

  for (const [shape, payload] of Object.entries(SHAPES)) {
    for (const exportType of ['pdf', 'word']) {
      it(`renders the packet for ${exportType} with the config at ${shape}`, async () => {
        const key = macro.implementation('IMP', 'hypercare');
        const adf = await macro.runExport('consultant', () =>
          handoverExport(payload({ implementationKey: key }, exportType)),
        );
        expect(adfProblems(adf)).toEqual([]);
        expect(title(adf)).toContain(key);
      });
    }
  }
});
