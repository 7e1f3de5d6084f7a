// Stage gates issue panel: every gate of the implementation with its criteria evaluated from the
// issue data, evidence and approvals; approvers sign or reject, admins override, everyone sees
// the audit record. The resolver decides who may do what; the view only offers what it allows.
import Heading from '@atlaskit/heading';
import { Box, Stack, Text } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { useEffect, useState } from 'react';
import type { GateActionAnswer, GatesPanel } from '../../src/contracts/stage-gates';
import { formatDate } from '../shared/dates';
import { EmptyView, ErrorView, LoadingState } from '../shared/states';
import { useResolver } from '../shared/use-resolver';
import type { ActionValues, FormKind } from './ActionForm';
import { stageGates } from './api';
import { AuditLog } from './AuditLog';
import { GateCard } from './GateCard';
import { plural } from './format';

function Warnings({ warnings }: { warnings: readonly string[] }) {
  const [all, setAll] = useState(false);
  if (warnings.length === 0) return null;
  const shown = all ? warnings : warnings.slice(0, 3);
  return (
    <SectionMessage
      appearance="warning"
      title={plural(warnings.length, 'note')}
      actions={
        warnings.length > 3 ? (
          <SectionMessageAction onClick={() => setAll(!all)}>
            {all ? 'Show fewer' : `Show all ${warnings.length}`}
          </SectionMessageAction>
        ) : undefined
      }
      testId="gate-warnings"
    >
      <Stack space="space.050">
        {shown.map((w, i) => (
          <Text key={i} size="small">
            {w}
          </Text>
        ))}
      </Stack>
    </SectionMessage>
  );
}

function Panel({ initial }: { initial: GatesPanel }) {
  const [panel, setPanel] = useState(initial);
  const [open, setOpen] = useState<{ gateId: string; kind: FormKind } | null>(null);
  const [notice, setNotice] = useState<{ appearance: 'success' | 'error'; text: string } | null>(null);
  useEffect(() => setPanel(initial), [initial]);

  const apply = (answer: GateActionAnswer, done: string): string | null => {
    if (!answer.ok) return answer.error;
    setPanel(answer.data.panel);
    setOpen(null);
    setNotice({ appearance: 'success', text: answer.data.notice ? `${done} ${answer.data.notice}.` : done });
    return null;
  };

  const act = async (
    gateId: string,
    gateName: string,
    kind: FormKind,
    v: ActionValues,
  ): Promise<string | null> => {
    switch (kind) {
      case 'approve':
      case 'reject':
        return apply(
          await stageGates.sign({ gateId, decision: kind, comment: v.comment }),
          `${gateName} ${kind === 'approve' ? 'approved' : 'rejected'}.`,
        );
      case 'override':
        return apply(await stageGates.override({ gateId, reason: v.comment }), `${gateName} overridden.`);
      case 'evidence':
        if (!v.evidence) return 'Choose the evidence to attach.';
        return apply(
          await stageGates.addEvidence({ gateId, evidence: v.evidence, comment: v.comment }),
          `Evidence added to ${gateName}.`,
        );
    }
  };

  const remove = async (gateId: string, gateName: string, evidenceId: string) => {
    const failure = apply(
      await stageGates.removeEvidence({ gateId, evidenceId }),
      `Evidence removed from ${gateName}.`,
    );
    if (failure !== null) setNotice({ appearance: 'error', text: failure });
  };

  const passed = panel.gates.filter((g) => g.status === 'passed' || g.status === 'overridden').length;
  return (
    <Box padding="space.200">
      <Stack space="space.200">
        <Stack space="space.050">
          {/* Jira titles the panel ("Stage gates") above the frame: no second title here. */}
          <Text color="color.text.subtle" testId="gates-summary">
            {passed} of {panel.gates.length} gates passed · criteria as of {formatDate(panel.asOf)}
          </Text>
        </Stack>
        {notice ? (
          <div role="status" aria-live="polite">
            <SectionMessage appearance={notice.appearance} testId="gate-notice">
              <Text>{notice.text}</Text>
            </SectionMessage>
          </div>
        ) : null}
        <Warnings warnings={panel.warnings} />
        {panel.gates.map((g) => (
          <GateCard
            key={g.id}
            gate={g}
            canEditEvidence={panel.viewer.canEditEvidence}
            open={open?.gateId === g.id ? open.kind : null}
            onOpen={(kind) => setOpen(kind ? { gateId: g.id, kind } : null)}
            onAction={(kind, v) => act(g.id, g.name, kind, v)}
            onRemoveEvidence={(id) => void remove(g.id, g.name, id)}
          />
        ))}
        <Stack space="space.100">
          <Heading size="xsmall" as="h3">
            Audit record
          </Heading>
          <AuditLog entries={panel.audit} />
        </Stack>
      </Stack>
    </Box>
  );
}

export function App() {
  const load = useResolver(() => stageGates.get(), []);
  if (load.status === 'loading') return <LoadingState label="Evaluating the stage gates" />;
  if (load.status === 'error')
    return <ErrorView title="The stage gates could not be shown" error={load.error} onRetry={load.retry} />;
  if (load.data.implementation === null) {
    return (
      <EmptyView
        header="Not an implementation"
        description="Stage gates belong to implementation epics. This issue is not one, so it has no gates."
      />
    );
  }
  if (load.data.gates.length === 0) {
    return (
      <EmptyView
        header="No gates configured"
        description="A Jira administrator can define stage gates in Runway settings."
      />
    );
  }
  return <Panel initial={load.data} />;
}
