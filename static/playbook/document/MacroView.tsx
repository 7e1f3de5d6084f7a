// What both macros show on the page: the document of the macro's settings, and "Publish as page"
// (create the first time, update after), with loading, empty (not configured) and error states.
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { router } from '@forge/bridge';
import { useState, type MouseEvent, type ReactNode } from 'react';
import type { DocumentAnswer, Published } from '../../../src/contracts/playbook';
import type { ResolverResult } from '../../../src/contracts/result';
import { EmptyView, ErrorView, LoadingState } from '../../shared/states';
import { useResolver } from '../../shared/use-resolver';
import { DocumentView } from './DocumentView';

type PublishState =
  | { status: 'idle' }
  | { status: 'busy' }
  | { status: 'done'; page: Published }
  | { status: 'error'; error: string };

/** Messages that mean "nothing chosen yet" rather than "something broke". */
const NOT_CONFIGURED = /in the macro’s settings\.$/;

function PublishResult({ state }: { state: PublishState }) {
  if (state.status === 'error') {
    return (
      <SectionMessage appearance="error" title="The page could not be published" testId="publish-error">
        <Text>{state.error}</Text>
      </SectionMessage>
    );
  }
  if (state.status !== 'done') return null;
  const { page } = state;
  const open = (e: MouseEvent) => {
    e.preventDefault();
    void router.open(page.url).catch(() => undefined);
  };
  return (
    <SectionMessage
      appearance={page.linked ? 'success' : 'warning'}
      title={page.created ? 'Published as a new page' : `Page updated (version ${page.version})`}
      testId="publish-result"
    >
      <Stack space="space.050">
        <Text>
          <a href={page.url} onClick={open} data-testid="published-link">
            {page.title}
          </a>
        </Text>
        {page.linked ? (
          <Text>Linked from the implementation.</Text>
        ) : (
          <Text>{page.linkError ?? 'Not linked from the implementation.'}</Text>
        )}
      </Stack>
    </SectionMessage>
  );
}

export function MacroView({
  what,
  load,
  publish,
  actions,
}: {
  /** "playbook" or "handover packet", for messages. */
  what: string;
  load: () => Promise<ResolverResult<DocumentAnswer>>;
  publish: () => Promise<ResolverResult<Published>>;
  /** More actions next to "Publish as page" (shown when publishing is possible). */
  actions?: ReactNode;
}) {
  const state = useResolver(load, []);
  const [published, setPublished] = useState<PublishState>({ status: 'idle' });
  if (state.status === 'loading') return <LoadingState label={`Rendering the ${what} from Jira`} />;
  if (state.status === 'error') {
    if (NOT_CONFIGURED.test(state.error))
      return (
        <EmptyView
          header={`No ${what} chosen yet`}
          description={`${state.error} Edit the macro to open its settings.`}
        />
      );
    return (
      <ErrorView title={`The ${what} could not be rendered`} error={state.error} onRetry={state.retry} />
    );
  }
  const { document, siteUrl, warnings, canPublish, cannotPublishReason } = state.data;
  const onPublish = async () => {
    setPublished({ status: 'busy' });
    const r = await publish();
    setPublished(r.ok ? { status: 'done', page: r.data } : { status: 'error', error: r.error });
  };
  return (
    <Box padding="space.200">
      <Stack space="space.200">
        <Inline space="space.100" alignBlock="center" spread="space-between">
          <Text size="small" color="color.text.subtlest" testId="document-warnings">
            {warnings.length > 0
              ? `${warnings.length} data warning${warnings.length === 1 ? '' : 's'}: values Jira holds that could not be read are left out.`
              : ''}
          </Text>
          <Inline space="space.100">
            {canPublish ? actions : null}
            <Button
              appearance="primary"
              onClick={() => void onPublish()}
              isLoading={published.status === 'busy'}
              isDisabled={!canPublish}
              testId="publish"
            >
              Publish as page
            </Button>
          </Inline>
        </Inline>
        {!canPublish && cannotPublishReason !== null ? (
          <Text size="small" color="color.text.subtle" testId="publish-unavailable">
            {cannotPublishReason}
          </Text>
        ) : null}
        <PublishResult state={published} />
        <DocumentView document={document} siteUrl={siteUrl} />
      </Stack>
    </Box>
  );
}
