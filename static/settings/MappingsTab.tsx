// Mappings of data-model.md: how this site names implementations, statuses, issue types, labels,
// gate types, priorities and fields.
import Heading from '@atlaskit/heading';
import { Box, Stack, Text } from '@atlaskit/primitives';
import type { ReactNode } from 'react';
import {
  CHILD_KINDS,
  FIELD_WORDS,
  LABEL_KEYS,
  LABEL_WORDS,
  LOGICAL_FIELDS,
} from '../../src/contracts/settings';
import { FieldGrid, ListSetting, NumberSetting, TextSetting } from './fields';
import { FieldPicker } from './pickers';

export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Stack space="space.100">
      <Heading size="xsmall" as="h3">
        {title}
      </Heading>
      {description ? (
        <Text size="small" color="color.text.subtle">
          {description}
        </Text>
      ) : null}
      <FieldGrid>{children}</FieldGrid>
    </Stack>
  );
}

const KIND_LABELS: Record<(typeof CHILD_KINDS)[number], string> = {
  milestone: 'Milestones',
  risk: 'Risks',
  assumption: 'Assumptions',
  issue: 'Issues (RAID)',
  dependency: 'Dependencies',
  changeRequest: 'Change requests',
  gate: 'Gates',
  defect: 'Defects',
};

const GATE_TYPES = [
  ['designSignOff', 'Design Sign-off'],
  ['migrationReadiness', 'Migration Readiness'],
  ['uatReadiness', 'UAT Readiness'],
  ['goLiveReadiness', 'Go-Live Readiness'],
  ['handover', 'Handover'],
  ['hypercareExit', 'Hypercare Exit'],
] as const;

export function MappingsTab() {
  return (
    <Box paddingBlock="space.200">
      <Stack space="space.300">
        <Section
          title="Implementations"
          description="An implementation is an epic with this label, or an issue of one of these types."
        >
          <TextSetting path={['implementationLabel']} label="Label" />
          <ListSetting path={['implementationTypes']} label="Issue types" />
        </Section>
        <Section title="Statuses and resolutions" description="Matched case-insensitively.">
          <ListSetting
            path={['notStartedStatuses']}
            label="Not started"
            help="Leaving one of these starts the implementation (kickoff)."
          />
          <ListSetting path={['goLiveStatuses']} label="Live" help="Entering one of these is go-live." />
          <ListSetting
            path={['onHoldStatuses']}
            label="On hold"
            help="Days an implementation spends in these leave the active durations."
          />
          <ListSetting path={['failedStatuses']} label="Failed" help="UAT first pass, handover first pass." />
          <ListSetting path={['approvedStatuses']} label="Approved (change requests)" />
          <ListSetting path={['approvedResolutions']} label="Approved resolutions" />
          <TextSetting path={['doneStatusCategory']} label="Done status category" />
        </Section>
        <Section title="Issue types of the children">
          {CHILD_KINDS.map((kind) => (
            <ListSetting key={kind} path={['issueTypes', kind]} label={KIND_LABELS[kind]} />
          ))}
        </Section>
        <Section title="Labels">
          {LABEL_KEYS.map((key) => (
            <TextSetting key={key} path={['labels', key]} label={LABEL_WORDS[key]} />
          ))}
          <TextSetting
            path={['labels', 'playbookPrefix']}
            label={LABEL_WORDS.playbookPrefix}
            help="Labels starting with it name an implementation's playbook."
          />
          <TextSetting
            path={['labels', 'improvement']}
            label={LABEL_WORDS.improvement}
            help="Continuous-improvement work, in an implementation or not (improvement throughput)."
          />
        </Section>
        <Section
          title="Gate Type values"
          description="The options of the Gate Type field; each names a gate."
        >
          {GATE_TYPES.map(([key, label]) => (
            <TextSetting key={key} path={['gateTypes', key]} label={label} />
          ))}
        </Section>
        <Section title="Priorities">
          <ListSetting path={['priorities', 'p1']} label="P1" />
          <ListSetting path={['priorities', 'p2']} label="P2" />
        </Section>
        <Section
          title="Fields"
          description="Each of the site's fields Runway reads, chosen by name from the fields of this site."
        >
          {(Object.keys(LOGICAL_FIELDS) as Array<keyof typeof LOGICAL_FIELDS>).map((key) => (
            <FieldPicker
              key={key}
              fieldKey={key}
              label={FIELD_WORDS[key]}
              defaultName={LOGICAL_FIELDS[key]}
            />
          ))}
        </Section>
        <Section title="Tiers and calendar">
          <ListSetting path={['complexityTiers']} label="Complexity tiers" />
          <TextSetting path={['defaultComplexity']} label="Tier when Complexity is empty" />
          <NumberSetting path={['milestoneToleranceDays']} label="Milestone tolerance (days)" step={1} />
          <NumberSetting path={['postGoLiveWindowDays']} label="Post-go-live window (days)" step={1} />
          <ListSetting path={['holidays']} label="Holidays" help="Dates YYYY-MM-DD, separated by commas." />
        </Section>
      </Stack>
    </Box>
  );
}
