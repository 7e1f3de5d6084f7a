// Gate definitions (name, approvers, approvals needed, criteria) and enforcement rules (which
// statuses need which gates). Approvers are picked from Jira's people and groups, criteria with a
// form per kind (CriteriaEditor); errors sit next to their fields.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { BUILT_IN_GATE_IDS, gateIdFor, type RunwayConfig } from '../../src/contracts/settings';
import { CriteriaEditor } from './CriteriaEditor';
import { FieldErrors, FieldGrid, NumberSetting, TextSetting, useForm } from './fields';
import { getAt } from './paths';
import { GroupPicker, UserPicker } from './pickers';

const card = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.large',
  padding: 'space.200',
  backgroundColor: 'elevation.surface.raised',
});
const BUILT_IN = new Set<string>(BUILT_IN_GATE_IDS);
type Gate = RunwayConfig['gates'][number];
type Rule = RunwayConfig['enforcement'][number];

function GateEditor({ gate, index, gates }: { gate: Gate; index: number; gates: Gate[] }) {
  const count = gates.length;
  const { draft, readOnly, set } = useForm();
  const builtIn = BUILT_IN.has(gate.id);
  const move = (to: number) => {
    const next = [...gates];
    const [g] = next.splice(index, 1);
    next.splice(to, 0, g);
    set(['gates'], next);
  };
  return (
    <Box xcss={card} testId={`gate-editor-${index}`}>
      <Stack space="space.150">
        <Inline spread="space-between" alignBlock="center">
          <Inline space="space.100" alignBlock="center">
            <Heading size="xxsmall" as="h4">
              {gate.name ?? (getAt(draft, ['gateTypes', gate.id]) as string | undefined) ?? gate.id}
            </Heading>
            <Lozenge>{builtIn ? 'built in' : 'custom'}</Lozenge>
          </Inline>
          {readOnly ? null : (
            <Inline space="space.050">
              <Button
                spacing="compact"
                isDisabled={index === 0}
                onClick={() => move(index - 1)}
                aria-label={`Move ${gate.id} up`}
              >
                Up
              </Button>
              <Button
                spacing="compact"
                isDisabled={index === count - 1}
                onClick={() => move(index + 1)}
                aria-label={`Move ${gate.id} down`}
              >
                Down
              </Button>
              <Button
                spacing="compact"
                appearance="subtle"
                onClick={() =>
                  set(
                    ['gates'],
                    gates.filter((_, i) => i !== index),
                  )
                }
                testId={`remove-gate-${index}`}
              >
                Remove
              </Button>
            </Inline>
          )}
        </Inline>
        <FieldGrid>
          {builtIn ? null : (
            <TextSetting
              path={['gates', index, 'id']}
              label="Id"
              help="Letters and digits, e.g. securityReview."
            />
          )}
          <TextSetting
            path={['gates', index, 'name']}
            label="Name"
            help={builtIn ? 'Empty: the Gate Type value (Mappings).' : undefined}
            optional={builtIn}
          />
          <NumberSetting
            path={['gates', index, 'requiredApprovals']}
            label="Approvals needed"
            step={1}
            help="0: the criteria alone pass the gate."
          />
        </FieldGrid>
        <FieldGrid min={300}>
          <UserPicker
            path={['gates', index, 'approvers', 'users']}
            label="Approvers: people"
            help="Nobody listed (people or groups): the project's administrators."
          />
          <GroupPicker
            path={['gates', index, 'approvers', 'groups']}
            label="Approvers: groups"
            help="Any member of a group may approve."
          />
        </FieldGrid>
        <CriteriaEditor gateIndex={index} gates={gates} />
        <FieldErrors path={['gates', index]} exact />
      </Stack>
    </Box>
  );
}

function RuleEditor({ rule, index, gates }: { rule: Rule; index: number; gates: readonly Gate[] }) {
  const { draft, readOnly, set } = useForm();
  const rules = (getAt(draft, ['enforcement']) as Rule[]) ?? [];
  const path = ['enforcement', index];
  return (
    <Box xcss={card} testId={`rule-editor-${index}`}>
      <Stack space="space.100">
        <Inline space="space.200" alignBlock="end" shouldWrap>
          <TextSetting path={[...path, 'status']} label="Moving into status" />
          {readOnly ? null : (
            <Button
              appearance="subtle"
              onClick={() =>
                set(
                  ['enforcement'],
                  rules.filter((_, i) => i !== index),
                )
              }
            >
              Remove rule
            </Button>
          )}
        </Inline>
        <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
          <legend>
            <Text size="small" weight="medium">
              needs these gates passed
            </Text>
          </legend>
          <Inline space="space.200" shouldWrap>
            {gates.map((g) => (
              <Checkbox
                key={g.id}
                label={g.name ?? (getAt(draft, ['gateTypes', g.id]) as string | undefined) ?? g.id}
                isChecked={rule.requiredGates.includes(g.id)}
                isDisabled={readOnly}
                testId={`rule-${index}-gate-${g.id}`}
                onChange={(e) =>
                  set(
                    [...path, 'requiredGates'],
                    e.currentTarget.checked
                      ? gates.map((x) => x.id).filter((id) => id === g.id || rule.requiredGates.includes(id))
                      : rule.requiredGates.filter((id) => id !== g.id),
                  )
                }
              />
            ))}
          </Inline>
        </fieldset>
        <FieldErrors path={[...path, 'requiredGates']} />
      </Stack>
    </Box>
  );
}

export function GatesTab() {
  const { draft, readOnly, set } = useForm();
  const gates = (getAt(draft, ['gates']) as Gate[] | undefined) ?? [];
  const rules = (getAt(draft, ['enforcement']) as Rule[] | undefined) ?? [];
  const [newName, setNewName] = useState('');
  return (
    <Box paddingBlock="space.200">
      <Stack space="space.300">
        <Stack space="space.150">
          <Heading size="xsmall" as="h3">
            Gates, in order
          </Heading>
          <FieldErrors path={['gates']} exact />
          {gates.map((g, i) => (
            <GateEditor key={i} gate={g} index={i} gates={gates} />
          ))}
          {readOnly ? null : (
            <Inline space="space.100" alignBlock="end">
              <Box>
                <Label htmlFor="new-gate-name">Name of a new gate</Label>
                <Textfield
                  id="new-gate-name"
                  value={newName}
                  onChange={(e) => setNewName(e.currentTarget.value)}
                  testId="new-gate-name"
                />
              </Box>
              <Button
                isDisabled={newName.trim() === ''}
                testId="add-gate"
                onClick={() => {
                  set(
                    ['gates'],
                    [
                      ...gates,
                      {
                        id: gateIdFor(
                          newName,
                          gates.map((g) => g.id),
                        ),
                        name: newName.trim(),
                        approvers: { users: [], groups: [] },
                        requiredApprovals: 1,
                        criteria: [],
                      },
                    ],
                  );
                  setNewName('');
                }}
              >
                Add gate
              </Button>
            </Inline>
          )}
        </Stack>
        <Stack space="space.150">
          <Heading size="xsmall" as="h3">
            Enforcement
          </Heading>
          <Text size="small" color="color.text.subtle">
            Add the Runway gate enforcement validator to a workflow transition; it refuses a move into these
            statuses while a listed gate has not passed.
          </Text>
          {rules.map((r, i) => (
            <RuleEditor key={i} rule={r} index={i} gates={gates} />
          ))}
          {readOnly ? null : (
            <Inline>
              <Button
                onClick={() => set(['enforcement'], [...rules, { status: '', requiredGates: [] }])}
                testId="add-rule"
              >
                Add rule
              </Button>
            </Inline>
          )}
        </Stack>
      </Stack>
    </Box>
  );
}
