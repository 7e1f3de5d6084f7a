// The outcome of a start that did not finish: exactly what exists and what does not, after Jira
// refused some of it or the call ran out of time.
import { Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { StartOutcome as Outcome } from '../../../src/contracts/implementations';

export default function StartOutcome({ outcome }: { outcome: Outcome }) {
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
