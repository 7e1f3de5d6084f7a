// The button that starts an implementation from a playbook: it opens the start dialog in Forge's
// own Modal (the resource static/start-dialog, over the whole Jira page, sized by Jira), with the
// start options as its context. Disabled, with the reason beside it, for whoever cannot create.
// When the modal closes, focus comes back here, or goes to what was created (onCreated).
import Button from '@atlaskit/button/new';
import { Inline, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { Modal } from '@forge/bridge';
import { useState, type RefObject } from 'react';
import type { StartOutcome } from '../../src/contracts/implementations';
import { useResolver } from '../shared/use-resolver';
import { StartDialogResult, type StartDialogContext } from '../start-dialog/contract';
import { implementations } from './api';

export function StartFromPlaybook({
  onCreated,
  button,
}: {
  onCreated: (outcome: StartOutcome) => void;
  /** The button, for the page to focus when what was created is dismissed. */
  button: RefObject<HTMLButtonElement>;
}) {
  const options = useResolver(() => implementations.startOptions(), []);
  const [openError, setOpenError] = useState<string | null>(null);
  const reason =
    options.status === 'error'
      ? `Start from playbook is unavailable: ${options.error}`
      : options.status === 'ready'
        ? options.data.cannotCreateReason
        : null;

  const open = async () => {
    if (options.status !== 'ready') return;
    setOpenError(null);
    const context: StartDialogContext = { options: options.data };
    try {
      await new Modal({
        resource: 'start-dialog',
        size: 'xlarge',
        context,
        // The dialog closes itself (Cancel, Escape), and not while it is creating issues.
        closeOnEscape: false,
        closeOnOverlayClick: false,
        onClose: (payload: unknown) => {
          const result = StartDialogResult.safeParse(payload);
          if (result.success) onCreated(result.data.created);
          else button.current?.focus();
        },
      }).open();
    } catch (e) {
      setOpenError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Inline space="space.100" alignBlock="center">
      {reason ? (
        <Text
          size="small"
          color="color.text.subtle"
          id="start-disabled-reason"
          testId="start-disabled-reason"
        >
          {reason}
        </Text>
      ) : null}
      {openError ? (
        <SectionMessage appearance="error" testId="start-open-error">
          <Text>{`The start dialog could not open: ${openError}`}</Text>
        </SectionMessage>
      ) : null}
      <Button
        ref={button}
        appearance="primary"
        onClick={() => void open()}
        isDisabled={options.status !== 'ready' || !options.data.canCreate}
        isLoading={options.status === 'loading'}
        aria-describedby={reason ? 'start-disabled-reason' : undefined}
        testId="start-from-playbook"
      >
        Start from playbook
      </Button>
    </Inline>
  );
}
