// Handover packet macro settings: choose the implementation (by key or search), save.
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { HandoverMacroConfig } from '../../src/contracts/handover';
import { handover } from '../handover/api';
import { ImplementationPicker, optionOf, type Picked } from '../playbook/config/ImplementationPicker';
import { saveConfig, savedConfig } from '../playbook/config/saved';

export function App() {
  const [implementation, setImplementation] = useState<Picked | null>(null);
  const [errors, setErrors] = useState<{ implementation?: string; save?: string }>({});

  useEffect(() => {
    void (async () => {
      const saved = await savedConfig(HandoverMacroConfig);
      if (!saved?.implementationKey) return;
      const found = await handover.searchImplementations(saved.implementationKey);
      const match = found.ok
        ? found.data.implementations.find((i) => i.key === saved.implementationKey)
        : undefined;
      setImplementation(
        match ? optionOf(match) : { value: saved.implementationKey, label: saved.implementationKey },
      );
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
        {errors.save ? (
          <SectionMessage appearance="error" title="The settings could not be saved">
            <Text>{errors.save}</Text>
          </SectionMessage>
        ) : null}
        <Inline space="space.100">
          <Button appearance="primary" onClick={() => void save()} testId="save">
            Save
          </Button>
          <Button appearance="subtle" onClick={() => void view.close().catch(() => undefined)}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </Box>
  );
}
