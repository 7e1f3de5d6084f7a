// "Start from playbook", in a Forge Modal over the implementations page: a form (./start/StartForm)
// → a preview of every issue that will be created (./start/StartPreview) → Create, as the user, and
// what a start that did not finish left (./start/StartOutcome). A retried Create sends the same
// request id, so the resolver resumes what an earlier attempt began instead of creating it twice.
// Closing hands the page what was created (contract.ts); Escape and Cancel close unless a call is
// under way.
import Button from '@atlaskit/button/new';
import { Box, Inline, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useMemo, useState } from 'react';
import type { StartOptions, StartOutcome, StartPreview } from '../../src/contracts/implementations';
import { closeModal, ModalLayout, useCloseOnEscape } from '../shared/forge-modal';
import { startDialog } from './api';
import type { StartDialogResult } from './contract';
import StartForm from './start/StartForm';
import PartialOutcome from './start/StartOutcome';
import Preview from './start/StartPreview';
import { fieldErrors, newRequestId, nextMonday, toRequest, type Values } from './start/values';

type Phase =
  | { step: 'form' }
  | { step: 'previewing' }
  | { step: 'preview'; preview: StartPreview }
  | { step: 'creating'; preview: StartPreview }
  | { step: 'partial'; preview: StartPreview; outcome: StartOutcome };

const created = (outcome: StartOutcome) => {
  const result: StartDialogResult = { created: outcome };
  closeModal(result);
};

export default function StartDialog({ options }: { options: StartOptions }) {
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
  // A start that created something hands it to the page however the dialog is closed.
  const cancel = () => (phase.step === 'partial' ? created(phase.outcome) : closeModal());
  useCloseOnEscape(cancel, busy);

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
    const r = await startDialog.previewStart(toRequest(values));
    if (r.ok) setPhase({ step: 'preview', preview: r.data });
    else {
      setPhase({ step: 'form' });
      setError(r.error);
    }
  };

  const create = async (p: StartPreview) => {
    setPhase({ step: 'creating', preview: p });
    setError(null);
    const r = await startDialog.start({ ...toRequest(values), requestId });
    if (!r.ok) {
      setPhase({ step: 'preview', preview: p });
      setError(r.error);
      return;
    }
    if (r.data.complete) created(r.data);
    else setPhase({ step: 'partial', preview: p, outcome: r.data });
  };

  const submit = () => {
    if (phase.step === 'preview' && phase.preview.problems.length === 0) void create(phase.preview);
    else if (phase.step === 'form') void preview();
  };

  return (
    <ModalLayout
      title="Start from playbook"
      testId="start-dialog"
      footer={
        <>
          <Button appearance="subtle" onClick={cancel} isDisabled={busy} testId="start-cancel">
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
        </>
      }
    >
      <StartForm
        options={options}
        values={values}
        errors={errors}
        busy={busy}
        onChange={set}
        onSubmit={submit}
      />
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
        {phase.step === 'preview' || phase.step === 'creating' || phase.step === 'partial' ? (
          <Preview
            preview={phase.preview}
            outcome={phase.step === 'partial' ? <PartialOutcome outcome={phase.outcome} /> : null}
          />
        ) : null}
      </Box>
    </ModalLayout>
  );
}
