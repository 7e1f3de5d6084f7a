// Handover packet macro settings: choose the implementation (by key or search), save.
import Heading from '@atlaskit/heading';
import { Box, Stack, Text } from '@atlaskit/primitives';
import { useEffect, useState } from 'react';
import { HandoverMacroConfig } from '../../src/contracts/handover';
import { handover } from '../handover/api';
import { ConfigActions } from '../shared/macro-config/ConfigActions';
import {
  ImplementationPicker,
  savedImplementation,
  type Picked,
} from '../shared/macro-config/ImplementationPicker';
import { saveConfig, savedConfig } from '../shared/macro-config/saved';

export function App() {
  const [implementation, setImplementation] = useState<Picked | null>(null);
  const [errors, setErrors] = useState<{ implementation?: string; save?: string }>({});

  useEffect(() => {
    void (async () => {
      const saved = await savedConfig(HandoverMacroConfig);
      if (!saved?.implementationKey) return;
      setImplementation(await savedImplementation(saved.implementationKey, handover.searchImplementations));
    })();
  }, []);

  const save = async () => {
    if (!implementation) {
      setErrors({ implementation: 'Choose an implementation.' });
      return;
    }
    const failed = await saveConfig({ implementationKey: implementation.value });
    setErrors(failed ? { save: failed } : {});
  };

  return (
    <Box padding="space.300">
      <Stack space="space.300">
        <Heading size="medium" as="h2">
          Handover packet settings
        </Heading>
        <Text color="color.text.subtle">
          The packet assembles scope, timeline, decisions, integrations, migration, open items, gate evidence,
          KPIs, contacts and the hypercare plan from the implementation’s issues.
        </Text>
        <ImplementationPicker
          value={implementation}
          onChange={setImplementation}
          search={handover.searchImplementations}
          error={errors.implementation}
        />
        <ConfigActions saveError={errors.save} onSave={save} />
      </Stack>
    </Box>
  );
}
