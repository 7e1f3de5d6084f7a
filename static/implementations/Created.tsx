// What "Start from playbook" created: the new epic, a link that opens it, and Dismiss. It takes the
// focus when it appears (the dialog that made it has just closed), so the result is read out.
import Button from '@atlaskit/button/new';
import { Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useRef } from 'react';
import type { StartOutcome } from '../../src/contracts/implementations';
import { openEpic } from './open-epic';

export function Created({ outcome, onDismiss }: { outcome: StartOutcome; onDismiss: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div ref={box} tabIndex={-1} data-testid="start-created-focus">
      <SectionMessage
        appearance="success"
        title={`${outcome.epic.key} ${outcome.epic.summary} was created`}
        testId="start-created"
        actions={[
          <SectionMessageLink key="open" issueKey={outcome.epic.key} />,
          <Button key="dismiss" appearance="subtle" spacing="compact" onClick={onDismiss}>
            Dismiss
          </Button>,
        ]}
      >
        <Text>{`With ${outcome.created.length} issues under it: milestones with their baseline due dates, one Gate issue per gate and the playbook's starter work items.`}</Text>
      </SectionMessage>
    </div>
  );
}

function SectionMessageLink({ issueKey }: { issueKey: string }) {
  return (
    <a
      href={`/browse/${encodeURIComponent(issueKey)}`}
      data-testid="start-created-open"
      onClick={(e) => {
        e.preventDefault();
        openEpic(issueKey);
      }}
    >
      Open {issueKey}
    </a>
  );
}
