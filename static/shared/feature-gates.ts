// Stands in for @atlaskit/feature-gate-js-client/feature-gates in Custom UI bundles. Inside a
// Forge iframe nobody initialises Atlassian's Statsig client, so every gate reads false and every
// experiment its default, which is exactly what this gives, without ~60 kB (gzip) of client code.
const FeatureGates = {
  initializeCompleted: (): boolean => false,
  checkGate: (): boolean => false,
  getExperimentValue: <T>(_experiment: string, _param: string, defaultValue: T): T => defaultValue,
  getExperiment: () => ({ get: <T>(_key: string, defaultValue: T): T => defaultValue }),
  hasCheckGateErrorOccurred: (): boolean => false,
  hasGetExperimentValueErrorOccurred: (): boolean => false,
};

export default FeatureGates;
