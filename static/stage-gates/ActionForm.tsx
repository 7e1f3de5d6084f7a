// The inline form behind Approve, Reject, Override and Add evidence: a comment (required where the
// record needs one), for evidence its kind and target. Errors from the resolver show in place and
// keep what the user typed. Escape cancels, as Cancel does.
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import type { EvidenceInput } from '../../src/contracts/stage-gates';
import { escapeClaimed } from '../shared/escape';

export type FormKind = 'approve' | 'reject' | 'override' | 'evidence';

const TEXT: Record<
  FormKind,
  {
    title: string;
    submit: string;
    comment: string;
    required: boolean;
    appearance: 'primary' | 'danger' | 'warning';
  }
> = {
  approve: {
    title: 'Approve',
    submit: 'Approve',
    comment: 'Comment (optional)',
    required: false,
    appearance: 'primary',
  },
  reject: {
    title: 'Reject',
    submit: 'Reject',
    comment: 'Why is it rejected?',
    required: true,
    appearance: 'danger',
  },
  override: {
    title: 'Override',
    submit: 'Override',
    comment: 'Reason for the override',
    required: true,
    appearance: 'warning',
  },
  evidence: {
    title: 'Add evidence',
    submit: 'Add evidence',
    comment: 'Comment (optional)',
    required: false,
    appearance: 'primary',
  },
};

type EvidenceType = EvidenceInput['type'];
const EVIDENCE_TYPES: Array<{ type: EvidenceType; label: string; target: string; help: string }> = [
  { type: 'url', label: 'Link', target: 'URL', help: 'An http(s) address, e.g. a signed PDF.' },
  {
    type: 'confluencePage',
    label: 'Confluence page',
    target: 'Page URL or id',
    help: 'The page’s address or its numeric id.',
  },
  { type: 'jiraIssue', label: 'Jira issue', target: 'Issue key', help: 'For example IMP-12.' },
];

const formBox = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
  padding: 'space.150',
  backgroundColor: 'elevation.surface.sunken',
});

export interface ActionValues {
  comment: string;
  evidence?: EvidenceInput;
}

export function ActionForm({
  kind,
  gateName,
  onSubmit,
  onCancel,
}: {
  kind: FormKind;
  gateName: string;
  onSubmit: (v: ActionValues) => Promise<string | null>;
  onCancel: () => void;
}) {
  const t = TEXT[kind];
  const [comment, setComment] = useState('');
  const [type, setType] = useState<EvidenceType>('url');
  const [target, setTarget] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const spec = EVIDENCE_TYPES.find((e) => e.type === type) ?? EVIDENCE_TYPES[0];

  const submit = async () => {
    if (t.required && comment.trim() === '') return setMissing('comment');
    if (kind === 'evidence' && target.trim() === '') return setMissing('target');
    setMissing(null);
    setBusy(true);
    const evidence: EvidenceInput | undefined =
      kind !== 'evidence'
        ? undefined
        : type === 'url'
          ? { type, url: target.trim(), title: title.trim() }
          : type === 'confluencePage'
            ? { type, page: target.trim() }
            : { type, issueKey: target.trim() };
    const failure = await onSubmit({ comment: comment.trim(), evidence });
    setBusy(false);
    setError(failure);
  };

  return (
    <Box xcss={formBox} testId="action-form">
      <form
        noValidate
        aria-label={`${t.title}: ${gateName}`}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Escape' || busy || escapeClaimed(e.target)) return;
          e.stopPropagation();
          onCancel();
        }}
      >
        <Stack space="space.100">
          {kind === 'evidence' ? (
            <>
              <Inline space="space.050" role="group" aria-label="Kind of evidence">
                {EVIDENCE_TYPES.map((e) => (
                  <Button
                    key={e.type}
                    isSelected={type === e.type}
                    onClick={() => setType(e.type)}
                    testId={`evidence-type-${e.type}`}
                  >
                    {e.label}
                  </Button>
                ))}
              </Inline>
              <div>
                <Label htmlFor="evidence-target">{spec.target}</Label>
                <Textfield
                  id="evidence-target"
                  value={target}
                  onChange={(e) => setTarget(e.currentTarget.value)}
                  testId="evidence-target"
                  isRequired
                  autoFocus
                  isInvalid={missing === 'target'}
                />
                {missing === 'target' ? (
                  <ErrorMessage>Give the {spec.target.toLowerCase()}.</ErrorMessage>
                ) : (
                  <HelperMessage>{spec.help}</HelperMessage>
                )}
              </div>
              {type === 'url' ? (
                <div>
                  <Label htmlFor="evidence-title">Title (optional)</Label>
                  <Textfield
                    id="evidence-title"
                    value={title}
                    onChange={(e) => setTitle(e.currentTarget.value)}
                    testId="evidence-title"
                  />
                </div>
              ) : null}
            </>
          ) : null}
          <div>
            <Label htmlFor="action-comment">{t.comment}</Label>
            <TextArea
              id="action-comment"
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              testId="action-comment"
              autoFocus={kind !== 'evidence'}
              minimumRows={2}
              maxHeight="120px"
              isInvalid={missing === 'comment'}
              isRequired={t.required}
            />
            {missing === 'comment' ? (
              <ErrorMessage>
                {kind === 'override'
                  ? 'An override needs a reason.'
                  : 'A rejection needs a comment saying why.'}
              </ErrorMessage>
            ) : null}
          </div>
          {error !== null ? (
            <div role="alert" data-testid="action-error">
              <ErrorMessage>{error}</ErrorMessage>
            </div>
          ) : null}
          <Inline space="space.100">
            <Button type="submit" appearance={t.appearance} isLoading={busy} testId="action-submit">
              {t.submit}
            </Button>
            <Button appearance="subtle" onClick={onCancel} isDisabled={busy} testId="action-cancel">
              Cancel
            </Button>
          </Inline>
        </Stack>
      </form>
    </Box>
  );
}
