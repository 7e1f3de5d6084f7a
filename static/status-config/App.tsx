// Status report macro settings: choose the implementation (by key or search) and the period, save.
import { HelperMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import { useEffect, useState } from 'react';
import { DEFAULT_STATUS_PERIOD, STATUS_PERIODS, StatusMacroConfig } from '../../src/contracts/status';
import { statusReport } from '../status/api';
import { ConfigActions } from '../shared/macro-config/ConfigActions';
import {
  ImplementationPicker,
  savedImplementation,
  type Picked,
} from '../shared/macro-config/ImplementationPicker';
import { saveConfig, savedConfig } from '../shared/macro-config/saved';

interface PeriodOption {
  value: number;
  label: string;
}
const PERIODS: PeriodOption[] = STATUS_PERIODS.map((d) => ({
  value: d,
  label: d === 7 ? 'Last 7 days (weekly)' : `Last ${d} days`,
}));
const periodOption = (days: number) => PERIODS.find((p) => p.value === days) ?? PERIODS[0];

export function App() {
  const [implementation, setImplementation] = useState<Picked | null>(null);
  const [period, setPeriod] = useState<PeriodOption | undefined>(periodOption(DEFAULT_STATUS_PERIOD));
  const [errors, setErrors] = useState<{ implementation?: string; save?: string }>({});

  useEffect(() => {
    void (async () => {
      const saved = await savedConfig(StatusMacroConfig);
      if (saved?.periodDays !== undefined) setPeriod(periodOption(saved.periodDays));
      if (!saved?.implementationKey) return;
      setImplementation(
        await savedImplementation(saved.implementationKey, statusReport.searchImplementations),
      );
    })();
  }, []);

  const save = async () => {
    if (!implementation) {
      setErrors({ implementation: 'Choose an implementation.' });
      return;
    }
    const failed = await saveConfig({
      implementationKey: implementation.value,
      periodDays: period?.value ?? DEFAULT_STATUS_PERIOD,
    });
    setErrors(failed ? { save: failed } : {});
  };

  return (
    <Box padding="space.300">
      <Stack space="space.300">
        <Heading size="medium" as="h2">
          Status report settings
        </Heading>
        <Text color="color.text.subtle">
          The report shows the implementation’s health and its reasons, what changed in the period, milestones
          due in the next 14 days, the top open risks, decisions needed, KPIs against target and the forecast
          go-live.
        </Text>
        <ImplementationPicker
          value={implementation}
          onChange={setImplementation}
          search={statusReport.searchImplementations}
          error={errors.implementation}
        />
        <Box testId="period-field">
          <Label htmlFor="period" id="period-label">
            Period
          </Label>
          <Select<PeriodOption>
            inputId="period"
            aria-labelledby="period-label"
            options={PERIODS}
            value={period}
            onChange={(v) => setPeriod(v ?? undefined)}
            testId="period-select"
          />
          <HelperMessage>What changed is listed for these days, up to and including today.</HelperMessage>
        </Box>
        <ConfigActions saveError={errors.save} onSave={save} />
      </Stack>
    </Box>
  );
}
