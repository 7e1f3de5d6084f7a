// Create a RAID item in place: a child issue of the implementation, created in Jira as the user.
// A refused create keeps everything typed and shows Jira's reason. Escape cancels (unless a menu
// inside is open: then it closes that menu).
import Button from '@atlaskit/button/new';
import { Box, Grid, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { RAID_KIND_LABELS, type RaidItem, type RaidKind } from '../../src/contracts/raid-log';
import { escapeClaimed } from '../shared/escape';
import { Field, fieldErrorId, type SelectOption } from '../shared/form';
import { raidLog } from './api';
import { DateEditor, OwnerEditor, ScaleEditor, type OwnerOption } from './editors';

const panel = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.medium',
  padding: 'space.200',
  backgroundColor: 'color.background.neutral.subtle',
});

/** A 1–5 score of the new item (probability, impact). */
function ScaleField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | null;
  onChange: (v: number | null) => void;
}) {
  const inputId = `raid-create-${label.toLowerCase()}`;
  return (
    <Field label={`${label} (1–5)`} htmlFor={inputId}>
      <ScaleEditor label={label} value={value} onChange={onChange} autoFocus={false} inputId={inputId} />
    </Field>
  );
}

export function CreateItem({
  kinds,
  hasProbability,
  hasImpact,
  onCreated,
  onCancel,
}: {
  kinds: RaidKind[];
  hasProbability: boolean;
  hasImpact: boolean;
  onCreated: (item: RaidItem) => void;
  onCancel: () => void;
}) {
  const kindOptions: Array<SelectOption<RaidKind>> = kinds.map((k) => ({
    label: RAID_KIND_LABELS[k],
    value: k,
  }));
  const [kind, setKind] = useState<SelectOption<RaidKind> | null>(kindOptions[0] ?? null);
  const [summary, setSummary] = useState('');
  const [probability, setProbability] = useState<number | null>(null);
  const [impact, setImpact] = useState<number | null>(null);
  const [owner, setOwner] = useState<OwnerOption | null>(null);
  const [dueDate, setDueDate] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ kind?: string; summary?: string }>({});

  const submit = async () => {
    const nowMissing = {
      ...(kind === null ? { kind: 'Choose a type.' } : {}),
      ...(summary.trim() === '' ? { summary: 'Write a summary.' } : {}),
    };
    setMissing(nowMissing);
    if (kind === null || nowMissing.summary) return;
    setSaving(true);
    setError(null);
    const r = await raidLog.create({
      kind: kind.value,
      summary,
      probability: hasProbability ? probability : null,
      impact: hasImpact ? impact : null,
      ownerAccountId: owner?.value ?? null,
      dueDate,
    });
    setSaving(false);
    if (r.ok) onCreated(r.data);
    else setError(r.error);
  };

  return (
    <Box xcss={panel} testId="raid-create">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !saving && !escapeClaimed(e.target)) onCancel();
        }}
      >
        <Stack space="space.150">
          <Text weight="semibold">New RAID item</Text>
          <Grid templateColumns="1fr 3fr" gap="space.150">
            <Field label="Type" htmlFor="raid-create-kind" error={missing.kind} isRequired>
              <Select<SelectOption<RaidKind>>
                inputId="raid-create-kind"
                options={kindOptions}
                value={kind}
                onChange={(o) => setKind(o ?? null)}
                aria-describedby={missing.kind ? fieldErrorId('raid-create-kind') : undefined}
                spacing="compact"
              />
            </Field>
            <Field label="Summary" htmlFor="raid-create-summary" error={missing.summary} isRequired>
              <Textfield
                id="raid-create-summary"
                isCompact
                autoFocus
                value={summary}
                onChange={(e) => setSummary(e.currentTarget.value)}
                testId="raid-create-summary"
                isRequired
                isInvalid={missing.summary !== undefined}
                aria-describedby={missing.summary ? fieldErrorId('raid-create-summary') : undefined}
              />
            </Field>
          </Grid>
          <Grid templateColumns="1fr 1fr 2fr 2fr" gap="space.150">
            {hasProbability ? (
              <ScaleField label="Probability" value={probability} onChange={setProbability} />
            ) : null}
            {hasImpact ? <ScaleField label="Impact" value={impact} onChange={setImpact} /> : null}
            <Field label="Owner" htmlFor="raid-create-owner">
              <OwnerEditor
                label="Owner"
                value={owner}
                onChange={setOwner}
                autoFocus={false}
                inputId="raid-create-owner"
              />
            </Field>
            <Field label="Due date" htmlFor="raid-create-due">
              <DateEditor
                label="Due date"
                value={dueDate}
                onChange={setDueDate}
                autoFocus={false}
                testId="raid-create-due"
              />
            </Field>
          </Grid>
          {error !== null ? (
            <SectionMessage appearance="error" title="The item was not created" testId="raid-create-error">
              <Text>{error}</Text>
            </SectionMessage>
          ) : null}
          <Inline space="space.100">
            <Button type="submit" appearance="primary" isDisabled={saving} testId="raid-create-submit">
              {saving ? 'Creating…' : 'Create'}
            </Button>
            <Button onClick={onCancel} isDisabled={saving}>
              Cancel
            </Button>
          </Inline>
        </Stack>
      </form>
    </Box>
  );
}
