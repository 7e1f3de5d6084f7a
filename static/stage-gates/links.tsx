// Links that open Jira issues through the Forge router (the iframe never navigates
// itself); plain anchors, so they are reachable and operable from the keyboard.
import Button from '@atlaskit/button/new';
import { Inline, Text } from '@atlaskit/primitives';
import { router } from '@forge/bridge';
import { useState, type MouseEvent } from 'react';

export function IssueLink({ issueKey, strike = false }: { issueKey: string; strike?: boolean }) {
  const open = (e: MouseEvent) => {
    e.preventDefault();
    void router.navigate({ target: 'issue', issueKey }).catch(() => undefined);
  };
  return (
    <a
      href={`/browse/${encodeURIComponent(issueKey)}`}
      onClick={open}
      data-testid={`issue-link-${issueKey}`}
      style={strike ? { textDecoration: 'line-through' } : undefined}
    >
      {issueKey}
    </a>
  );
}

const SHOWN = 8;

/** The issues behind a criterion; failing ones first; long lists fold after eight. */
export function IssueLinks({
  issues,
  failing,
  testId,
}: {
  issues: readonly string[];
  failing: readonly string[];
  testId: string;
}) {
  const [all, setAll] = useState(false);
  const bad = new Set(failing);
  const ordered = [...failing, ...issues.filter((k) => !bad.has(k))];
  if (ordered.length === 0) return null;
  const shown = all ? ordered : ordered.slice(0, SHOWN);
  return (
    <Inline space="space.075" shouldWrap alignBlock="center" testId={testId}>
      {shown.map((k) => (
        <Text key={k} size="small" weight={bad.has(k) ? 'bold' : 'regular'}>
          <IssueLink issueKey={k} />
        </Text>
      ))}
      {ordered.length > SHOWN ? (
        <Button appearance="subtle" spacing="compact" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? 'Show fewer' : `+${ordered.length - SHOWN} more`}
        </Button>
      ) : null}
    </Inline>
  );
}
