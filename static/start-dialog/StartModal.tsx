// The "Start from playbook" modal's resource: reads the start options the implementations page
// passed as the Modal's context, then shows the dialog (./StartDialog).
import Button from '@atlaskit/button/new';
import { useEffect, useState } from 'react';
import { closeModal, modalContext, ModalLayout } from '../shared/forge-modal';
import { ErrorView, LoadingState } from '../shared/states';
import { StartDialogContext } from './contract';
import StartDialog from './StartDialog';

type State =
  | { status: 'loading' }
  | { status: 'ready'; context: StartDialogContext }
  | { status: 'error'; error: string };

export function StartModal() {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    modalContext(StartDialogContext).then(
      (context) => setState({ status: 'ready', context }),
      (e: unknown) => setState({ status: 'error', error: e instanceof Error ? e.message : String(e) }),
    );
  }, []);
  if (state.status === 'ready') return <StartDialog options={state.context.options} />;
  return (
    <ModalLayout
      title="Start from playbook"
      footer={
        <Button appearance="subtle" onClick={() => closeModal()} testId="start-cancel">
          Cancel
        </Button>
      }
    >
      {state.status === 'loading' ? (
        <LoadingState label="Opening" />
      ) : (
        <ErrorView title="The dialog could not open" error={state.error} />
      )}
    </ModalLayout>
  );
}
