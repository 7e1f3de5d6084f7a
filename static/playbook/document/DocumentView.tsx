// The structured document (src/contracts/playbook.ts) rendered with Atlaskit: headings, guidance
// as section messages, tables as dynamic tables, checklists as read-only checkboxes, states as
// lozenges. Every piece of text goes through React as text: nothing is ever injected as HTML.
// Shared by the Playbook and the Handover packet macros.
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import type { DocumentBlock, DocumentInline, StructuredDocument } from '../../../src/contracts/playbook';
import { ExternalLink } from '../../shared/ExternalLink';

type Tone = Extract<DocumentInline, { type: 'status' }>['tone'];
const LOZENGE: Record<Tone, 'success' | 'removed' | 'moved' | 'inprogress' | 'default'> = {
  success: 'success',
  danger: 'removed',
  warning: 'moved',
  info: 'inprogress',
  neutral: 'default',
};

/** Only absolute http(s) URLs are opened; anything else stays text. */
function safeUrl(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export function InlineRun({ content, siteUrl }: { content: readonly DocumentInline[]; siteUrl: string }) {
  return (
    <>
      {content.map((i, n) => {
        switch (i.type) {
          case 'text':
            return i.strong ? <strong key={n}>{i.text}</strong> : <span key={n}>{i.text}</span>;
          case 'issue': {
            const url = siteUrl ? safeUrl(`${siteUrl}/browse/${encodeURIComponent(i.key)}`) : null;
            return url ? (
              <ExternalLink key={n} url={url} testId={`issue-link-${i.key}`}>
                {i.key}
              </ExternalLink>
            ) : (
              <span key={n}>{i.key}</span>
            );
          }
          case 'status':
            return (
              <Lozenge key={n} appearance={LOZENGE[i.tone]}>
                {i.text}
              </Lozenge>
            );
          case 'link': {
            const url = safeUrl(i.href);
            return url ? (
              <ExternalLink key={n} url={url}>
                {i.text}
              </ExternalLink>
            ) : (
              <span key={n}>{i.text}</span>
            );
          }
        }
      })}
    </>
  );
}

// A status mark, not a control: round (a tick box would invite a click that does nothing), an
// open dashed ring while not done, a filled green one when done.
const box = xcss({
  width: '16px',
  height: '16px',
  flexShrink: 0,
  borderRadius: 'radius.full',
  borderWidth: 'border.width',
  borderStyle: 'dashed',
  borderColor: 'color.border',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
});
const ticked = xcss({
  backgroundColor: 'color.background.success.bold',
  borderColor: 'color.border.success',
  borderStyle: 'solid',
});

/** A read-only tick box: checklists are ticked from the data, never by clicking. */
function Tick({ done }: { done: boolean }) {
  return (
    <Box xcss={done ? [box, ticked] : box} role="img" aria-label={done ? 'Done' : 'Not done'}>
      {done ? (
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
          <path
            d="M2.5 6.2 5 8.6 9.6 3.6"
            fill="none"
            stroke={token('color.icon.inverse', '#fff')}
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      ) : null}
    </Box>
  );
}

const listStyle = xcss({ margin: 'space.0', paddingInlineStart: 'space.300' });
const tableBox = xcss({ overflowX: 'auto' });

function Caption({ text }: { text?: string }) {
  return text ? (
    <Heading size="xsmall" as="h4">
      {text}
    </Heading>
  ) : null;
}

function Block({ block, siteUrl }: { block: DocumentBlock; siteUrl: string }) {
  switch (block.type) {
    case 'paragraph':
      return (
        <Text as="p">
          <InlineRun content={block.content} siteUrl={siteUrl} />
        </Text>
      );
    case 'guidance':
      return (
        <SectionMessage appearance="information">
          <Text>{block.text}</Text>
        </SectionMessage>
      );
    case 'list':
      return (
        <Box as={block.ordered ? 'ol' : 'ul'} xcss={listStyle}>
          {block.items.map((item, n) => (
            <li key={n}>
              <Text>
                <InlineRun content={item} siteUrl={siteUrl} />
              </Text>
            </li>
          ))}
        </Box>
      );
    case 'table':
      return (
        <Stack space="space.100" testId={`table-${block.id}`}>
          <Caption text={block.caption} />
          {block.rows.length === 0 ? (
            <Text color="color.text.subtlest" testId={`table-${block.id}-empty`}>
              {block.empty}
            </Text>
          ) : (
            <Box xcss={tableBox}>
              <DynamicTable
                head={{ cells: block.columns.map((c, i) => ({ key: `${i}`, content: c })) }}
                rows={block.rows.map((row, r) => ({
                  key: `${block.id}-${r}`,
                  testId: `row-${block.id}-${r}`,
                  cells: block.columns.map((_, c) => ({
                    key: `${r}-${c}`,
                    content: <InlineRun content={row[c] ?? []} siteUrl={siteUrl} />,
                  })),
                }))}
                label={block.caption ?? block.columns.join(', ')}
              />
            </Box>
          )}
        </Stack>
      );
    case 'checklist':
      return (
        <Stack space="space.100" testId={`checklist-${block.id}`}>
          <Inline space="space.100" alignBlock="center">
            <Caption text={block.caption} />
            <Lozenge
              appearance={block.done === block.total ? 'success' : 'inprogress'}
              testId={`checklist-${block.id}-progress`}
            >
              {`${block.done} of ${block.total} complete`}
            </Lozenge>
          </Inline>
          <Stack space="space.050">
            {block.items.map((item, n) => (
              <Inline key={n} space="space.100" alignBlock="center" testId={`checklist-${block.id}-${n}`}>
                <Tick done={item.done} />
                <Text>
                  <InlineRun content={item.content} siteUrl={siteUrl} />
                </Text>
                {item.detail ? (
                  <Text size="small" color="color.text.subtlest">
                    {item.detail}
                  </Text>
                ) : null}
              </Inline>
            ))}
          </Stack>
        </Stack>
      );
  }
}

export function DocumentView({ document, siteUrl }: { document: StructuredDocument; siteUrl: string }) {
  return (
    <Stack space="space.300" testId="document">
      <Stack space="space.050">
        <Heading size="large" as="h2" testId="document-title">
          {document.title}
        </Heading>
        <Text color="color.text.subtle" testId="document-meta">
          {`${document.implementation.key} · ${document.implementation.tier} · as of ${document.asOf} · from the implementation's Jira issues`}
        </Text>
      </Stack>
      {document.sections.map((s) => (
        <Stack key={s.id} space="space.150" testId={`section-${s.id}`}>
          <Heading size="medium" as="h3">
            {s.title}
          </Heading>
          {s.blocks.map((b, n) => (
            <Block key={n} block={b} siteUrl={siteUrl} />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
