// A gate's criteria, each edited with the form of its kind (src/domain/gates/criterion-kinds.ts
// says which kinds exist, their names and parameters); no JSON. Every field is bound to its path
// in the draft, so the schema's errors show next to the field they are about.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import { useState } from 'react';
import {
  CRITERION_KINDS,
  criterionKindInfo,
  isPercentUnit,
  KPI_DEFINITIONS,
  KPI_IDS,
  LABEL_KEYS,
  LABEL_WORDS,
  newCriterion,
  PER_ITEM_KPIS,
  WHEN_NONE_WORDS,
  type RunwayConfig,
} from '../../src/contracts/settings';
import {
  FieldErrors,
  FieldGrid,
  ListSetting,
  NumberSetting,
  SelectSetting,
  TextSetting,
  useForm,
} from './fields';
import { getAt, testIdOf, type Path } from './paths';

type Criterion = RunwayConfig['gates'][number]['criteria'][number];
type Kind = Criterion['kind'];
type Gate = RunwayConfig['gates'][number];

const criterionBox = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
  padding: 'space.150',
  backgroundColor: 'elevation.surface',
});
const kindBox = xcss({ minWidth: '260px' });
/** A fieldset groups checkboxes for assistive technology; it draws nothing (styles: unsafe-inline is permitted). */
const PLAIN_FIELDSET = { border: 'none', padding: 0, margin: 0, minWidth: 0 } as const;

const KIND_OPTIONS = CRITERION_KINDS.map((k) => ({ label: k.name, value: k.kind }));
const OP_OPTIONS = [
  { label: '≥ at least', value: '>=' },
  { label: '≤ at most', value: '<=' },
  { label: '= exactly', value: '=' },
] as const;

const gateName = (draft: unknown, g: Gate) =>
  g.name ?? (getAt(draft, ['gateTypes', g.id]) as string | undefined) ?? g.id;

/** Checkboxes of a list setting: the ones ticked, in the order of `options`. */
function CheckList({
  path,
  legend,
  options,
}: {
  path: Path;
  legend: string;
  options: ReadonlyArray<{ label: string; value: string }>;
}) {
  const { draft, readOnly, set } = useForm();
  const raw = getAt(draft, path);
  const on = Array.isArray(raw) ? raw.map(String) : [];
  return (
    <fieldset style={PLAIN_FIELDSET} data-testid={testIdOf('field', path)}>
      <legend>
        <Text size="small" weight="semibold" color="color.text.subtle">
          {legend}
        </Text>
      </legend>
      <Inline space="space.150" shouldWrap>
        {options.map((o) => (
          <Checkbox
            key={o.value}
            label={o.label}
            isChecked={on.includes(o.value)}
            isDisabled={readOnly}
            testId={testIdOf('check', [...path, o.value])}
            onChange={(e) =>
              set(
                path,
                options
                  .map((x) => x.value)
                  .filter((v) => (v === o.value ? e.currentTarget.checked : on.includes(v))),
              )
            }
          />
        ))}
      </Inline>
      <FieldErrors path={path} />
    </fieldset>
  );
}

/** The KPI's own target, or a threshold of this criterion (a percentage for rates). */
function ThresholdFields({ path, kpi }: { path: Path; kpi: (typeof KPI_IDS)[number] }) {
  const { draft, readOnly, set } = useForm();
  const threshold = getAt(draft, path) as { op: string; value: unknown } | undefined;
  const def = KPI_DEFINITIONS[kpi];
  const percent = isPercentUnit(def.unit);
  const target = getAt(draft, ['targets', kpi]) as { value: unknown } | null | undefined;
  return (
    <Stack space="space.100">
      <Checkbox
        label="Its own threshold (instead of the KPI's target)"
        isChecked={threshold !== undefined}
        isDisabled={readOnly}
        testId={testIdOf('own-threshold', path)}
        onChange={(e) =>
          set(
            path,
            e.currentTarget.checked
              ? {
                  op: def.target?.op ?? '>=',
                  value: typeof target?.value === 'number' ? target.value : percent ? 0.9 : 0,
                }
              : undefined,
          )
        }
      />
      {threshold ? (
        <FieldGrid min={200}>
          <SelectSetting path={[...path, 'op']} label="Passes when the KPI is" options={OP_OPTIONS} />
          {typeof threshold.value === 'object' && threshold.value !== null ? (
            Object.keys(threshold.value).map((tier) => (
              <NumberSetting key={tier} path={[...path, 'value', tier]} label={tier} percent={percent} />
            ))
          ) : (
            <NumberSetting
              path={[...path, 'value']}
              label={def.label}
              percent={percent}
              help={percent ? 'A percentage from 0 to 100.' : def.unit}
            />
          )}
        </FieldGrid>
      ) : target === null ? (
        <Text size="small" color="color.text.warning">
          {def.label} has no target (KPI targets tab): without a threshold here the criterion does not apply.
        </Text>
      ) : null}
    </Stack>
  );
}

function Parameters({ path, criterion, earlier }: { path: Path; criterion: Criterion; earlier: Gate[] }) {
  const { draft } = useForm();
  const labels = LABEL_KEYS.map((k) => ({
    label: `${LABEL_WORDS[k]} (${String(getAt(draft, ['labels', k]) ?? k)})`,
    value: k,
  }));
  const priorityNames = (p: 'p1' | 'p2') => {
    const names = getAt(draft, ['priorities', p]);
    return `${p.toUpperCase()}${Array.isArray(names) && names.length > 0 ? `: ${names.join(', ')}` : ''}`;
  };
  const fields = criterionKindInfo(criterion.kind).parameters.map((p) => {
    const at: Path = [...path, p];
    switch (p) {
      case 'label':
        return criterion.kind === 'noOpenDefects' ? (
          <SelectSetting
            key={p}
            path={at}
            label="Only defects with the label"
            options={labels}
            optional
            placeholder="Any label"
          />
        ) : (
          <SelectSetting key={p} path={at} label="Items with the label" options={labels} />
        );
      case 'alsoLabel':
        return <TextSetting key={p} path={at} label="And the label (optional)" optional help="e.g. design" />;
      case 'whenNone':
        return (
          <SelectSetting
            key={p}
            path={at}
            label="When there is no such item"
            options={[
              { label: WHEN_NONE_WORDS.notApplicable, value: 'notApplicable' },
              { label: WHEN_NONE_WORDS.fail, value: 'fail' },
            ]}
            optional
            placeholder={WHEN_NONE_WORDS.notApplicable}
          />
        );
      case 'kpi': {
        const ids = criterion.kind === 'eachItemAtTarget' ? PER_ITEM_KPIS : KPI_IDS;
        return (
          <SelectSetting
            key={p}
            path={at}
            label="KPI"
            options={ids.map((id) => ({ label: KPI_DEFINITIONS[id].label, value: id }))}
          />
        );
      }
      case 'minScore':
        return (
          <NumberSetting
            key={p}
            path={at}
            label="Risk score at least"
            step={1}
            help="Probability × impact, 1 to 25."
          />
        );
      case 'mitigatedStatuses':
        return <ListSetting key={p} path={at} label="Statuses that mean mitigated" />;
      case 'days':
        return <NumberSetting key={p} path={at} label="Calendar days since go-live" step={1} />;
      default:
        return null;
    }
  });
  return (
    <Stack space="space.150">
      {fields.some((f) => f !== null) ? <FieldGrid>{fields}</FieldGrid> : null}
      {criterion.kind === 'noOpenDefects' ? (
        <CheckList
          path={[...path, 'priorities']}
          legend="Priorities"
          options={(['p1', 'p2'] as const).map((v) => ({ label: priorityNames(v), value: v }))}
        />
      ) : null}
      {criterion.kind === 'gatesPassed' ? (
        earlier.length === 0 ? (
          <Text color="color.text.warning">The first gate has no earlier gate to wait for.</Text>
        ) : (
          <CheckList
            path={[...path, 'gates']}
            legend="Gates passed before this one"
            options={earlier.map((g) => ({ label: gateName(draft, g), value: g.id }))}
          />
        )
      ) : null}
      {criterion.kind === 'kpiAtTarget' || criterion.kind === 'eachItemAtTarget' ? (
        <ThresholdFields path={[...path, 'threshold']} kpi={criterion.kpi} />
      ) : null}
    </Stack>
  );
}

function CriterionEditor({
  path,
  index,
  list,
  earlier,
}: {
  path: Path;
  index: number;
  list: Criterion[];
  earlier: Gate[];
}) {
  const { readOnly, set } = useForm();
  const criterion = list[index];
  const info = criterionKindInfo(criterion.kind);
  const at: Path = [...path, index];
  const move = (to: number) => {
    const next = [...list];
    const [c] = next.splice(index, 1);
    next.splice(to, 0, c);
    set(path, next);
  };
  return (
    <Box xcss={criterionBox} testId={testIdOf('criterion', at)}>
      <Stack space="space.150">
        <Inline spread="space-between" alignBlock="start" shouldWrap space="space.100">
          <Stack space="space.050">
            <Heading size="xxsmall" as="h5">
              {`Criterion ${index + 1}: ${info.name}`}
            </Heading>
            <Text size="small" color="color.text.subtlest">
              {info.help}
            </Text>
          </Stack>
          {readOnly ? null : (
            <Inline space="space.050">
              <Button spacing="compact" isDisabled={index === 0} onClick={() => move(index - 1)}>
                Up
              </Button>
              <Button
                spacing="compact"
                isDisabled={index === list.length - 1}
                onClick={() => move(index + 1)}
              >
                Down
              </Button>
              <Button
                spacing="compact"
                appearance="subtle"
                testId={testIdOf('remove', at)}
                onClick={() =>
                  set(
                    path,
                    list.filter((_, i) => i !== index),
                  )
                }
              >
                Remove
              </Button>
            </Inline>
          )}
        </Inline>
        <FieldGrid min={420}>
          <TextSetting path={[...at, 'title']} label="Title" optional help="What the gate panel shows." />
        </FieldGrid>
        <Parameters path={at} criterion={criterion} earlier={earlier} />
        <FieldErrors path={at} exact />
      </Stack>
    </Box>
  );
}

/** The criteria of gate `gateIndex`, and a way to add one of any kind. */
export function CriteriaEditor({ gateIndex, gates }: { gateIndex: number; gates: Gate[] }) {
  const { draft, readOnly, set } = useForm();
  const path: Path = ['gates', gateIndex, 'criteria'];
  const raw = getAt(draft, path);
  const list = Array.isArray(raw) ? (raw as Criterion[]) : [];
  const earlier = gates.slice(0, gateIndex);
  const [kind, setKind] = useState<Kind>('itemsDone');
  const addId = `add-criterion-kind-${gateIndex}`;
  return (
    <Stack space="space.100">
      <Heading size="xxsmall" as="h5">
        Criteria
      </Heading>
      {list.length === 0 ? (
        <Text size="small" color="color.text.subtle">
          No criteria: approvals alone pass this gate.
        </Text>
      ) : null}
      {list.map((c, i) => (
        <CriterionEditor key={`${i}-${c.kind}`} path={path} index={i} list={list} earlier={earlier} />
      ))}
      <FieldErrors path={path} exact />
      {readOnly ? null : (
        <Inline space="space.100" alignBlock="end" shouldWrap>
          <Box xcss={kindBox}>
            <Label htmlFor={addId}>New criterion</Label>
            <Select<{ label: string; value: Kind }, false>
              inputId={addId}
              options={KIND_OPTIONS}
              value={KIND_OPTIONS.find((o) => o.value === kind) ?? null}
              onChange={(o) => o && setKind(o.value)}
            />
          </Box>
          <Button
            testId={`add-criterion-${gateIndex}`}
            onClick={() =>
              set(path, [
                ...list,
                newCriterion(
                  kind,
                  earlier.map((g) => g.id),
                ),
              ])
            }
          >
            Add criterion
          </Button>
        </Inline>
      )}
    </Stack>
  );
}
