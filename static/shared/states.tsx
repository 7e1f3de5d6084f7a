// Loading, empty and error states, the same on every surface.
import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';

export function LoadingState({ label }: { label: string }) {
  return (
    <Box padding="space.400" role="status" aria-live="polite">
      <Inline space="space.100" alignBlock="center" alignInline="center">
        <Spinner size="medium" label={label} />
        <Text color="color.text.subtle">{label}</Text>
      </Inline>
    </Box>
  );
}

export function EmptyView({ header, description }: { header: string; description: string }) {
  return <EmptyState header={header} description={description} headingLevel={2} />;
}

export function ErrorView({ title, error, onRetry }: { title: string; error: string; onRetry?: () => void }) {
  return (
    <Box padding="space.200">
      <SectionMessage appearance="error" title={title}>
        <Stack space="space.100">
          <Text>{error}</Text>
          {onRetry ? (
            <Inline>
              <Button onClick={onRetry}>Try again</Button>
            </Inline>
          ) : null}
        </Stack>
      </SectionMessage>
    </Box>
  );
}
