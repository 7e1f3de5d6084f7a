import { submittedConfig } from '../../../src/local/host/forge';

describe('what a config view submits', () => {
  it('keeps a macro config view’s `config` only, as Confluence does', () => {
    expect(submittedConfig('macro', { config: { implementation: 'IMP-1' }, keepEditing: true })).toEqual({
      implementation: 'IMP-1',
    });
  });

  it('saves nothing but an empty config when a macro submits no config', () => {
    expect(submittedConfig('macro', { keepEditing: true })).toEqual({});
  });

  it('keeps a gadget edit view’s whole payload as the gadget configuration', () => {
    expect(submittedConfig('jira:dashboardGadget', { scope: 'all', kpis: ['csat'] })).toEqual({
      scope: 'all',
      kpis: ['csat'],
    });
  });
});
