// KPI targets: per KPI, no target (tracked) or an operator and a value, one for all tiers or one
// per complexity tier.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { isPercentUnit, KPI_DEFINITIONS, KPI_IDS, type RunwayConfig } from '../../src/contracts/settings';
import { FieldErrors, NumberSetting, useForm } from './fields';
import { getAt } from './paths';

const row = xcss({
  borderBlockEndColor: 'color.border',
  borderBlockEndStyle: 'solid',
  borderBlockEndWidth: 'border.width',
  paddingBlock: 'space.150',
});
const name = xcss({ width: '220px' });
const OPS = ['<=', '>=', '='] as const;
const OP_TEXT = { '<=': '≤ at most', '>=': '≥ at least', '=': '= exactly' };

type Target = { op: (typeof OPS)[number]; value: number | Record<string, number> } | null;

function KpiTarget({ id, tiers }: { id: (typeof KPI_IDS)[number]; tiers: readonly string[] }) {
  const { draft, readOnly, set } = useForm();
  const def = KPI_DEFINITIONS[id];
  const target = getAt(draft, ['targets', id]) as Target | undefined;
  const path = ['targets', id];
  const perTier = target !== null && target !== undefined && typeof target.value === 'object';
  const first =
    target && typeof target.value === 'number'
      ? target.value
      : target && typeof target.value === 'object'
        ? (Object.values(target.value)[0] ?? 0)
        : 0;
  return (
    <Box xcss={row} testId={`target-${id}`}>
      <Inline space="space.200" alignBlock="start" shouldWrap>
        <Stack space="space.025" xcss={name}>
          <Text weight="medium">{def.label}</Text>
          <Text size="small" color="color.text.subtlest">
            {isPercentUnit(def.unit) ? 'percentage' : def.unit}
          </Text>
        </Stack>
        <Stack space="space.100">
          <Checkbox
            label="Has a target"
            isChecked={target !== null && target !== undefined}
            isDisabled={readOnly}
            testId={`has-target-${id}`}
            onChange={(e) =>
              set(
                path,
                e.currentTarget.checked ? { op: KPI_DEFINITIONS[id].target?.op ?? '>=', value: first } : null,
              )
            }
          />
          {target ? (
            <>
              <Inline space="space.050" role="group" aria-label={`Operator of ${def.label}`}>
                {OPS.map((op) => (
                  <Button
                    key={op}
                    isSelected={target.op === op}
                    isDisabled={readOnly}
                    onClick={() => set([...path, 'op'], op)}
                    testId={`op-${id}-${op}`}
                  >
                    {OP_TEXT[op]}
                  </Button>
                ))}
              </Inline>
              <Checkbox
                label="One value per complexity tier"
                isChecked={perTier}
                isDisabled={readOnly}
                testId={`per-tier-${id}`}
                onChange={(e) =>
                  set(
                    [...path, 'value'],
                    e.currentTarget.checked ? Object.fromEntries(tiers.map((t) => [t, first])) : first,
                  )
                }
              />
            </>
          ) : (
            <Text size="small" color="color.text.subtle">
              Tracked, no target.
            </Text>
          )}
        </Stack>
        {target ? (
          <Inline space="space.100" shouldWrap>
            {perTier ? (
              tiers.map((tier) => (
                <NumberSetting
                  key={tier}
                  path={[...path, 'value', tier]}
                  label={tier}
                  percent={isPercentUnit(def.unit)}
                />
              ))
            ) : (
              <NumberSetting
                path={[...path, 'value']}
                label="Value"
                percent={isPercentUnit(def.unit)}
                help={isPercentUnit(def.unit) ? 'A percentage from 0 to 100: 85 means 85 %.' : undefined}
              />
            )}
          </Inline>
        ) : null}
      </Inline>
      <FieldErrors path={path} exact />
      <FieldErrors path={[...path, 'op']} />
    </Box>
  );
}

export function TargetsTab() {
  const { draft } = useForm();
  const tiers = (getAt(draft, ['complexityTiers']) as RunwayConfig['complexityTiers'] | undefined) ?? [];
  return (
    <Box paddingBlock="space.200">
      <Stack space="space.0">
        {KPI_IDS.map((id) => (
          <KpiTarget key={id} id={id} tiers={tiers} />
        ))}
      </Stack>
    </Box>
  );
}
