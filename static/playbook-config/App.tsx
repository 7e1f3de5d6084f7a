// Playbook macro settings: choose a template and an implementation (by key or search), save.
// Jira administrators can also add a team template (JSON); an invalid one is refused with the
// reason the resolver gives, next to the field.
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import { useEffect, useState } from 'react';
import { PlaybookMacroConfig, type TemplateList, type TemplateSummary } from '../../src/contracts/playbook';
import { playbook } from '../playbook/api';
import { ConfigActions } from '../shared/macro-config/ConfigActions';
import {
  ImplementationPicker,
  savedImplementation,
  type Picked,
} from '../shared/macro-config/ImplementationPicker';
import { saveConfig, savedConfig } from '../shared/macro-config/saved';
import { ErrorView, LoadingState } from '../shared/states';
import { useResolver } from '../shared/use-resolver';

interface TemplateOption {
  label: string;
  value: string;
}

function TeamTemplate({ onAdded }: { onAdded: (template: TemplateSummary) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const add = async () => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      setError(`Not JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    setBusy(true);
    const r = await playbook.saveTemplate(json);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setText('');
    onAdded(r.data);
  };
  return (
    <Stack space="space.100" testId="team-template">
      <Heading size="xsmall" as="h3">
        Add a team template
      </Heading>
      <Label htmlFor="team-template">Template (JSON: id, title, description, sections)</Label>
      <TextArea
        id="team-template"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        minimumRows={4}
        isInvalid={error !== null}
        testId="team-template-json"
      />
      {error ? (
        <ErrorMessage testId="team-template-error">{error}</ErrorMessage>
      ) : (
        <HelperMessage>
          Validated like the built-in templates; a template that does not fit is refused with the reason.
        </HelperMessage>
      )}
      <Inline>
        <Button
          onClick={() => void add()}
          isDisabled={text.trim() === ''}
          isLoading={busy}
          testId="team-template-add"
        >
          Add template
        </Button>
      </Inline>
    </Stack>
  );
}

function Settings({ list }: { list: TemplateList }) {
  const [templates, setTemplates] = useState<TemplateSummary[]>(list.templates);
  const [template, setTemplate] = useState<TemplateOption | null>(null);
  const [implementation, setImplementation] = useState<Picked | null>(null);
  const [errors, setErrors] = useState<{ template?: string; implementation?: string; save?: string }>({});
  const options: TemplateOption[] = templates.map((t) => ({
    value: t.id,
    label: t.builtIn ? t.title : `${t.title} (team)`,
  }));

  useEffect(() => {
    void (async () => {
      const saved = await savedConfig(PlaybookMacroConfig);
      if (saved?.templateId)
        setTemplate(
          options.find((o) => o.value === saved.templateId) ?? {
            value: saved.templateId,
            label: saved.templateId,
          },
        );
      if (saved?.implementationKey)
        setImplementation(await savedImplementation(saved.implementationKey, playbook.searchImplementations));
    })();
    // Once, when the view opens: the templates are already loaded.
  }, []);

  const chosen = templates.find((t) => t.id === template?.value);
  const save = async () => {
    const next = {
      template: template ? undefined : 'Choose a template.',
      implementation: implementation ? undefined : 'Choose an implementation.',
    };
    setErrors(next);
    if (!template || !implementation) return;
    const failed = await saveConfig({ templateId: template.value, implementationKey: implementation.value });
    if (failed) setErrors({ save: failed });
  };

  return (
    <Box padding="space.300">
      <Stack space="space.300">
        <Heading size="medium" as="h2">
          Playbook settings
        </Heading>
        {list.refused.length > 0 ? (
          <SectionMessage appearance="warning" title="Some team templates are not offered">
            {list.refused.map((r) => (
              <Text key={r}>{r}</Text>
            ))}
          </SectionMessage>
        ) : null}
        <Box testId="template-field">
          <Label htmlFor="template" id="template-label">
            Template
          </Label>
          <Select<TemplateOption>
            inputId="template"
            aria-labelledby="template-label"
            options={options}
            value={template}
            onChange={(v) => setTemplate(v ?? null)}
            placeholder="Choose a playbook template"
            testId="template-select"
          />
          {errors.template ? (
            <ErrorMessage testId="template-error">{errors.template}</ErrorMessage>
          ) : (
            <HelperMessage>
              {chosen?.description ?? 'What to render: a plan, an agenda, a checklist…'}
            </HelperMessage>
          )}
        </Box>
        <ImplementationPicker
          value={implementation}
          onChange={setImplementation}
          search={playbook.searchImplementations}
          error={errors.implementation}
        />
        <ConfigActions saveError={errors.save} onSave={save} />
        {list.canAddTemplates ? (
          <TeamTemplate
            onAdded={(added) => {
              setTemplates((ts) => [...ts.filter((t) => t.id !== added.id), added]);
              setTemplate({ value: added.id, label: `${added.title} (team)` });
            }}
          />
        ) : null}
      </Stack>
    </Box>
  );
}

export function App() {
  const list = useResolver(() => playbook.listTemplates(), []);
  if (list.status === 'loading') return <LoadingState label="Loading the playbook templates" />;
  if (list.status === 'error')
    return <ErrorView title="The templates could not be loaded" error={list.error} onRetry={list.retry} />;
  return <Settings list={list.data} />;
}
