// The foot of a macro's config view: why saving failed, if it did, then Save and Cancel.
import Button from '@atlaskit/button/new';
import { Inline, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { view } from '@forge/bridge';

export function ConfigActions({ saveError, onSave }: { saveError?: string; onSave: () => Promise<void> }) {
  return (
    <>
      {saveError ? (
        <SectionMessage appearance="error" title="The settings could not be saved">
          <Text>{saveError}</Text>
        </SectionMessage>
      ) : null}
      <Inline space="space.100">
        <Button appearance="primary" onClick={() => void onSave()} testId="save">
          Save
        </Button>
        <Button appearance="subtle" onClick={() => void view.close().catch(() => undefined)}>
          Cancel
        </Button>
      </Inline>
    </>
  );
}
