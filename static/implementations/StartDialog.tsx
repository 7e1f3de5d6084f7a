// "Start from playbook": a modal form (playbook, customer, tier, segment, dates) → a preview of
// every issue that will be created → Create, as the user. A retried Create sends the same request
// id, so the resolver resumes what an earlier attempt began instead of creating it twice.
// Loaded on demand: the page does not pay for the dialog until someone opens it.
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Box, Grid, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import { useMemo, useState } from 'react';
import {
  StartRequest,
  type PlannedIssueView,
  type StartOptions,
  type StartOutcome,
  type StartPreview,
} from '../../src/contracts/implementations';
import { Field, fieldErrorId, type SelectOption } from '../shared/form';
import { implementations } from './api';

interface Values {
  templateId: string;
  summary: string;
  tier: string;
  segment: string | null;
  kickoff: string;
  contractSigned: string;
}

type Phase =
  | { step: 'form' }
  | { step: 'previewing' }
  | { step: 'preview'; preview: StartPreview }
  | { step: 'creating'; preview: StartPreview }
  | { step: 'partial'; preview: StartPreview; outcome: StartOutcome };

const KIND_LABEL: Record<PlannedIssueView['kind'], string> = {
  implementation: 'Implementation',
  milestone: 'Milestone',
  gate: 'Gate',
  workItem: 'Work item',
};

const previewBox = xcss({ maxHeight: '320px', overflowY: 'auto' });

function nextMonday(today = new Date()): string {
  const d = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}

function newRequestId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

function toRequest(v: Values): StartRequest {
  return {
    templateId: v.templateId,
    summary: v.summary,
    tier: v.tier,
    segment: v.segment,
    kickoff: v.kickoff,
    contractSigned: v.contractSigned === '' ? null : v.contractSigned,
  };
}

const FIELD_NAMES: Record<string, string> = {
  templateId: 'Playbook',
  summary: 'Customer / implementation',
  tier: 'Complexity tier',
  kickoff: 'Kickoff date',
  contractSigned: 'Contract signed',
};

/** Each field's problem, in the form's words. */
function fieldErrors(v: Values): Partial<Record<keyof Values, string>> {
  const parsed = StartRequest.safeParse(toRequest(v));
  if (parsed.success) return {};
  const out: Partial<Record<keyof Values, string>> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '') as keyof Values;
    out[key] ??= key === 'kickoff' || key === 'contractSigned' ? 'Enter a date.' : issue.message;
  }
  if (v.contractSigned !== '' && v.kickoff !== '' && v.contractSigned > v.kickoff)
    out.contractSigned ??= 'The contract is signed after kickoff.';
  return out;
}

function PreviewTable({ preview }: { preview: StartPreview }) {
  const rows = [preview.epic, ...preview.children].map((i) => ({
    key: i.ref,
    testId: `start-preview-row-${i.ref}`,
    cells: [
      {
        key: 'type',
        content: (
          <Lozenge appearance={i.kind === 'implementation' ? 'new' : 'default'}>{i.issueType}</Lozenge>
        ),
      },
      {
        key: 'summary',
        content: (
          <Stack space="space.025">
            <Text weight={i.kind === 'implementation' ? 'bold' : undefined}>{i.summary}</Text>
            {i.labels.length > 0 ? (
              <Text size="small" color="color.text.subtle">
                {i.labels.join(' · ')}
              </Text>
            ) : null}
          </Stack>
        ),
      },
      { key: 'due', content: i.dueDate ?? <Text color="color.text.subtlest">—</Text> },
      {
        key: 'fields',
        content: (
          <Text size="small" color="color.text.subtle">
            {Object.entries(i.fields)
              .filter(([name]) => name !== 'Baseline Due')
              .map(([name, value]) => `${name}: ${value}`)
              .join(' · ')}
          </Text>
        ),
      },
    ],
  }));
  return (
    <Box xcss={previewBox} tabIndex={0} aria-label="Issues that will be created">
      <DynamicTable
        head={{
          cells: [
            { key: 'type', content: 'Type', width: 16 },
            { key: 'summary', content: 'Summary', width: 44 },
            { key: 'due', content: 'Due', width: 14 },
            { key: 'fields', content: 'Fields', width: 26 },
          ],
        }}
        rows={rows}
        testId="start-preview"
      />
    </Box>
  );
}

function counts(preview: StartPreview): string {
  const n = (k: PlannedIssueView['kind']) => preview.children.filter((c) => c.kind === k).length;
  return `1 ${KIND_LABEL.implementation.toLowerCase()} (epic), ${n('milestone')} milestones, ${n('gate')} gates and ${n('workItem')} work items`;
}

export default function StartDialog({
  options,
  onClose,
  onCreated,
}: {
  options: StartOptions;
  onClose: () => void;
  onCreated: (outcome: StartOutcome) => void;
}) {
  const [values, setValues] = useState<Values>({
    templateId: options.templates[0]?.id ?? '',
    summary: '',
    tier: options.defaultTier,
    segment: null,
    kickoff: nextMonday(),
    contractSigned: '',
  });
  const [phase, setPhase] = useState<Phase>({ step: 'form' });
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  // One id per form content: a retry of the same content resumes, a changed form is a new request.
  const fingerprint = JSON.stringify(values);
  const requestId = useMemo(() => newRequestId(), [fingerprint]);
  const errors = touched ? fieldErrors(values) : {};
  const busy = phase.step === 'previewing' || phase.step === 'creating';

  const set = (next: Partial<Values>) => {
    setValues((v) => ({ ...v, ...next }));
    setPhase({ step: 'form' });
    setError(null);
  };

  const preview = async () => {
    setTouched(true);
    if (Object.keys(fieldErrors(values)).length > 0) return;
    setPhase({ step: 'previewing' });
    setError(null);
    const r = await implementations.previewStart(toRequest(values));
    if (r.ok) setPhase({ step: 'preview', preview: r.data });
    else {
      setPhase({ step: 'form' });
      setError(r.error);
    }
  };

  const create = async (p: StartPreview) => {
    setPhase({ step: 'creating', preview: p });
    setError(null);
    const r = await implementations.start({ ...toRequest(values), requestId });
    if (!r.ok) {
      setPhase({ step: 'preview', preview: p });
      setError(r.error);
      return;
    }
    if (r.data.complete) onCreated(r.data);
    else setPhase({ step: 'partial', preview: p, outcome: r.data });
  };

  const template = options.templates.find((t) => t.id === values.templateId);
  const templateOptions: Array<SelectOption<string>> = options.templates.map((t) => ({
    label: t.title,
    value: t.id,
  }));
  const tierOptions: Array<SelectOption<string>> = options.tiers.map((t) => ({ label: t, value: t }));
  const segmentOptions: Array<SelectOption<string>> = options.segments.map((s) => ({ label: s, value: s }));
  const shown = phase.step === 'preview' || phase.step === 'creating' || phase.step === 'partial';

  return (
    <Modal
      onClose={busy ? () => undefined : onClose}
      width="x-large"
      testId="start-dialog"
      label="Start from playbook"
    >
      <ModalHeader hasCloseButton={!busy}>
        <ModalTitle>Start from playbook</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <form
          id="start-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (phase.step === 'preview' && phase.preview.problems.length === 0) void create(phase.preview);
            else if (phase.step === 'form') void preview();
          }}
        >
          <Stack space="space.200">
            <Grid templateColumns="1fr 1fr" gap="space.200" alignItems="start">
              <Field label="Playbook" htmlFor="start-template" help={template?.description}>
                <Select<SelectOption<string>>
                  inputId="start-template"
                  options={templateOptions}
                  value={templateOptions.find((o) => o.value === values.templateId) ?? null}
                  onChange={(o) => set({ templateId: o?.value ?? '' })}
                  isDisabled={busy}
                />
              </Field>
              <Field
                label={`${FIELD_NAMES.summary} (required)`}
                htmlFor="start-summary"
                error={errors.summary}
              >
                <Textfield
                  id="start-summary"
                  placeholder="e.g. Acme Corp: core platform"
                  value={values.summary}
                  onChange={(e) => set({ summary: e.currentTarget.value })}
                  isInvalid={errors.summary !== undefined}
                  aria-describedby={errors.summary ? fieldErrorId('start-summary') : undefined}
                  isDisabled={busy}
                  autoFocus
                  testId="start-summary"
                />
              </Field>
              <Field
                label={FIELD_NAMES.tier}
                htmlFor="start-tier"
                help="Sets the schedule: Enterprise runs longest."
              >
                <Select<SelectOption<string>>
                  inputId="start-tier"
                  options={tierOptions}
                  value={tierOptions.find((o) => o.value === values.tier) ?? null}
                  onChange={(o) => set({ tier: o?.value ?? '' })}
                  isDisabled={busy}
                />
              </Field>
              <Field label="Segment" htmlFor="start-segment">
                <Select<SelectOption<string>>
                  inputId="start-segment"
                  options={segmentOptions}
                  placeholder="No segment"
                  isClearable
                  value={segmentOptions.find((o) => o.value === values.segment) ?? null}
                  onChange={(o) => set({ segment: o?.value ?? null })}
                  isDisabled={busy}
                />
              </Field>
              <Field
                label={`${FIELD_NAMES.kickoff} (required)`}
                htmlFor="start-kickoff"
                error={errors.kickoff}
              >
                <Textfield
                  id="start-kickoff"
                  type="date"
                  value={values.kickoff}
                  onChange={(e) => set({ kickoff: e.currentTarget.value })}
                  isInvalid={errors.kickoff !== undefined}
                  aria-describedby={errors.kickoff ? fieldErrorId('start-kickoff') : undefined}
                  isDisabled={busy}
                  testId="start-kickoff"
                />
              </Field>
              <Field
                label={FIELD_NAMES.contractSigned}
                htmlFor="start-contract"
                help="Optional: for time to kickoff."
                error={errors.contractSigned}
              >
                <Textfield
                  id="start-contract"
                  type="date"
                  value={values.contractSigned}
                  onChange={(e) => set({ contractSigned: e.currentTarget.value })}
                  isInvalid={errors.contractSigned !== undefined}
                  aria-describedby={errors.contractSigned ? fieldErrorId('start-contract') : undefined}
                  isDisabled={busy}
                  testId="start-contract"
                />
              </Field>
            </Grid>
            {/* Enter in any field previews (then creates), like a form. */}
            <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
          </Stack>
        </form>
        <Box paddingBlockStart="space.200" aria-live="polite">
          {phase.step === 'previewing' ? (
            <Inline space="space.100" alignBlock="center">
              <Spinner size="small" label="Preparing the preview" />
              <Text color="color.text.subtle">Preparing the preview…</Text>
            </Inline>
          ) : null}
          {error ? (
            <SectionMessage appearance="error" title="Nothing was created" testId="start-error">
              <Text>{error}</Text>
            </SectionMessage>
          ) : null}
          {shown ? (
            <Stack space="space.150">
              {phase.preview.problems.length > 0 ? (
                <SectionMessage appearance="error" title="This cannot be created yet" testId="start-problems">
                  <Stack space="space.050">
                    {phase.preview.problems.map((p) => (
                      <Text key={p}>{p}</Text>
                    ))}
                  </Stack>
                </SectionMessage>
              ) : null}
              {phase.preview.warnings.length > 0 ? (
                <SectionMessage appearance="warning" testId="start-warnings">
                  <Stack space="space.050">
                    {phase.preview.warnings.map((w) => (
                      <Text key={w}>{w}</Text>
                    ))}
                  </Stack>
                </SectionMessage>
              ) : null}
              {phase.step === 'partial' ? <Partial outcome={phase.outcome} /> : null}
              <Text testId="start-summary-line">
                {`Creates ${counts(phase.preview)} in this project, from the playbook “${phase.preview.templateTitle}”.`}
              </Text>
              <PreviewTable preview={phase.preview} />
            </Stack>
          ) : null}
        </Box>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose} isDisabled={busy} testId="start-cancel">
          {phase.step === 'partial' ? 'Close' : 'Cancel'}
        </Button>
        {phase.step === 'form' || phase.step === 'previewing' ? (
          <Button
            appearance="primary"
            onClick={() => void preview()}
            isLoading={busy}
            testId="start-preview-button"
          >
            Preview
          </Button>
        ) : (
          <Button
            appearance="primary"
            onClick={() => void create(phase.preview)}
            isLoading={phase.step === 'creating'}
            isDisabled={phase.preview.problems.length > 0}
            testId="start-create"
          >
            {phase.step === 'partial'
              ? 'Try the rest again'
              : `Create ${phase.preview.children.length + 1} issues`}
          </Button>
        )}
      </ModalFooter>
    </Modal>
  );
}

/** Exactly what exists and what does not, after Jira refused some of it. */
function Partial({ outcome }: { outcome: StartOutcome }) {
  return (
    <SectionMessage
      appearance="warning"
      title={`${outcome.epic.key} was created with ${outcome.created.length} of its issues`}
      testId="start-partial"
    >
      <Stack space="space.100">
        {outcome.failed.length > 0 ? (
          <Stack space="space.050">
            <Text weight="semibold">Jira refused:</Text>
            {outcome.failed.map((f) => (
              <Text key={f.ref}>{`${f.summary}: ${f.error}`}</Text>
            ))}
          </Stack>
        ) : null}
        {outcome.pending.length > 0 ? (
          <Text>{`${outcome.pending.length} not created yet (time ran out): try again to create them.`}</Text>
        ) : null}
        <Text size="small" color="color.text.subtle">
          Trying again creates only what is missing, never a second copy.
        </Text>
      </Stack>
    </SectionMessage>
  );
}
