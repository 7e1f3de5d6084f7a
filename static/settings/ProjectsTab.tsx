// Settings → Projects: each Jira project, whether it is ready for Runway (its issue types, and the
// fields on their screens), and what makes it ready. An admin picks company-managed projects,
// reviews the changes Runway will make, confirms, and sees each change done or failed; a
// team-managed project gets the steps its project admin follows, and "Check again".
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import type { ProjectChange, ProjectReadiness } from '../../src/contracts/projects';
import { ErrorView, LoadingState } from '../shared/states';
import { useResolver } from '../shared/use-resolver';
import { settingsApi } from './api';

const CHANGE_LOZENGE = { planned: 'default', done: 'success', failed: 'removed' } as const;

function Changes({ changes, testId }: { changes: ProjectChange[]; testId: string }) {
  if (changes.length === 0) return null;
  return (
    <Box testId={testId}>
      <Stack space="space.050">
        {changes.map((c, i) => (
          <Inline key={i} space="space.100" alignBlock="center">
            <Lozenge appearance={CHANGE_LOZENGE[c.status]}>{c.status}</Lozenge>
            <Text size="small">
              {c.description}
              {c.detail ? `: ${c.detail}` : ''}
            </Text>
          </Inline>
        ))}
      </Stack>
    </Box>
  );
}

function ProjectCard({
  project,
  canEdit,
  picked,
  onPick,
}: {
  project: ProjectReadiness;
  canEdit: boolean;
  picked: boolean;
  onPick: (on: boolean) => void;
}) {
  const pickable = canEdit && project.style === 'company' && !project.ready && project.error === null;
  return (
    <Box padding="space.150" backgroundColor="elevation.surface.raised" testId={`project-${project.key}`}>
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          {pickable ? (
            <Checkbox
              isChecked={picked}
              onChange={(e) => onPick(e.target.checked)}
              label={`Set up ${project.key}`}
              testId={`pick-${project.key}`}
            />
          ) : null}
          <Text weight="bold">
            {project.name} ({project.key})
          </Text>
          <Lozenge>{project.style === 'team' ? 'Team-managed' : 'Company-managed'}</Lozenge>
          <Lozenge appearance={project.ready ? 'success' : 'moved'} testId={`ready-${project.key}`}>
            {project.ready ? 'Ready' : 'Not ready'}
          </Lozenge>
        </Inline>
        {project.error ? <Text color="color.text.danger">{project.error}</Text> : null}
        {project.missing.length > 0 ? (
          <Stack space="space.025">
            {project.missing.slice(0, 6).map((m, i) => (
              <Text key={i} size="small" color="color.text.subtle">
                {m}
              </Text>
            ))}
            {project.missing.length > 6 ? (
              <Text size="small" color="color.text.subtle">
                …and {project.missing.length - 6} more.
              </Text>
            ) : null}
          </Stack>
        ) : null}
        {project.steps.length > 0 ? (
          <Box testId={`steps-${project.key}`}>
            <Text weight="medium">What a project admin of {project.key} does:</Text>
            <ol>
              {project.steps.map((s, i) => (
                <li key={i}>
                  <Text size="small">{s}</Text>
                </li>
              ))}
            </ol>
          </Box>
        ) : null}
        <Changes changes={project.changes} testId={`changes-${project.key}`} />
      </Stack>
    </Box>
  );
}

function Projects({
  initial,
  canEdit,
  reload,
}: {
  initial: ProjectReadiness[];
  canEdit: boolean;
  reload: () => void;
}) {
  const [projects, setProjects] = useState(initial);
  const [picked, setPicked] = useState<string[]>([]);
  const [reviewing, setReviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ appearance: 'success' | 'warning' | 'error'; text: string } | null>(
    null,
  );
  const chosen = projects.filter((p) => picked.includes(p.key));

  const confirm = async () => {
    setBusy(true);
    const r = await settingsApi.setUpProjects(picked);
    setBusy(false);
    setReviewing(false);
    if (!r.ok) return setResult({ appearance: 'error', text: r.error });
    const byKey = new Map(r.data.projects.map((p) => [p.key, p]));
    setProjects((all) => all.map((p) => byKey.get(p.key) ?? p));
    setPicked([]);
    const failed = r.data.projects.some((p) => p.changes.some((c) => c.status === 'failed'));
    setResult({ appearance: failed ? 'warning' : 'success', text: r.data.summary });
  };

  return (
    <Stack space="space.200">
      <Text color="color.text.subtle">
        An issue type can be used in a project only when it is in the project’s issue type scheme
        (company-managed) or was made in the project (team-managed), and a field can be set only when it is on
        the project’s screen. Runway checks each project here.
      </Text>
      {result ? (
        <div role="status" aria-live="polite">
          <SectionMessage appearance={result.appearance} testId="projects-summary">
            <Text>{result.text}</Text>
          </SectionMessage>
        </div>
      ) : null}
      <Inline space="space.100">
        {canEdit ? (
          <Button
            appearance="primary"
            isDisabled={picked.length === 0}
            onClick={() => setReviewing(true)}
            testId="review-changes"
          >
            {picked.length > 0 ? `Review changes for ${picked.join(', ')}` : 'Pick projects to set up'}
          </Button>
        ) : null}
        <Button onClick={reload} testId="check-again">
          Check again
        </Button>
      </Inline>
      {reviewing ? (
        <SectionMessage
          appearance="information"
          title="Runway will make these changes as you"
          testId="review"
        >
          <Stack space="space.100">
            {chosen.map((p) => (
              <Stack key={p.key} space="space.050">
                <Text weight="medium">{p.key}</Text>
                <Changes changes={p.changes} testId={`review-${p.key}`} />
              </Stack>
            ))}
            <Inline space="space.100">
              <Button
                appearance="primary"
                onClick={() => void confirm()}
                isLoading={busy}
                testId="confirm-changes"
              >
                Make these changes
              </Button>
              <Button appearance="subtle" onClick={() => setReviewing(false)}>
                Cancel
              </Button>
            </Inline>
          </Stack>
        </SectionMessage>
      ) : null}
      {projects.map((p) => (
        <ProjectCard
          key={p.key}
          project={p}
          canEdit={canEdit}
          picked={picked.includes(p.key)}
          onPick={(on) => setPicked((k) => (on ? [...k, p.key] : k.filter((x) => x !== p.key)))}
        />
      ))}
    </Stack>
  );
}

export function ProjectsTab() {
  const load = useResolver(() => settingsApi.projects(), []);
  return (
    <Box paddingBlock="space.200">
      {load.status === 'loading' ? (
        <LoadingState label="Checking each project" />
      ) : load.status === 'error' ? (
        <ErrorView title="The projects could not be checked" error={load.error} onRetry={load.retry} />
      ) : (
        <Projects
          key={JSON.stringify(load.data.projects.map((p) => [p.key, p.ready, p.missing.length]))}
          initial={load.data.projects}
          canEdit={load.data.canEdit}
          reload={load.retry}
        />
      )}
    </Box>
  );
}
