// Edit view of the portfolio KPI gadget: scope (projects or JQL), which KPIs, as-of date and
// breakdown. Saving first asks the resolver to check the configuration with Jira, as the user:
// a JQL error is shown as Jira worded it and nothing is saved. Each error shows under its field.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { ErrorMessage } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Grid, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import {
  GADGET_KPI_IDS,
  KPI_LABELS,
  type Breakdown,
  type GadgetConfig,
  type GadgetKpiId,
  type GadgetProjects,
} from '../../src/contracts/kpi-gadget';
import { DateField } from '../shared/DateField';
import { Field, fieldErrorId, type SelectOption } from '../shared/form';
import { ErrorView, LoadingState } from '../shared/states';
import { gadget } from '../kpi-gadget/api';
import { savedConfig } from '../kpi-gadget/config';
import { NO_ERRORS, placeErrors, type FormErrors, type ScopeKind } from './errors';

const SCOPES: Array<SelectOption<ScopeKind>> = [
  { label: 'Every project I can see', value: 'all' },
  { label: 'Projects', value: 'projects' },
  { label: 'JQL query', value: 'jql' },
];
const BREAKDOWNS: Array<SelectOption<Breakdown | null>> = [
  { label: 'No breakdown', value: null },
  { label: 'Complexity tier', value: 'tier' },
  { label: 'Segment', value: 'segment' },
];

/** The form's values as the configuration the gadget saves (only what differs from the defaults). */
export function toConfig(v: {
  scope: ScopeKind;
  projects: string[];
  jql: string;
  kpis: GadgetKpiId[];
  asOf: string;
  breakdown: Breakdown | null;
}): GadgetConfig {
  const config: GadgetConfig = {};
  if (v.scope === 'projects') config.projects = v.projects;
  if (v.scope === 'jql') config.jql = v.jql;
  if (v.kpis.length !== GADGET_KPI_IDS.length) config.kpis = v.kpis;
  if (v.asOf !== '') config.asOf = v.asOf;
  if (v.breakdown !== null) config.breakdown = v.breakdown;
  return config;
}

export function App() {
  const [loaded, setLoaded] = useState<
    { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; projects: GadgetProjects }
  >({ status: 'loading' });
  const [scope, setScope] = useState<ScopeKind>('all');
  const [projects, setProjects] = useState<string[]>([]);
  const [jql, setJql] = useState('');
  const [kpis, setKpis] = useState<GadgetKpiId[]>([...GADGET_KPI_IDS]);
  const [asOf, setAsOf] = useState('');
  const [breakdown, setBreakdown] = useState<Breakdown | null>(null);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  useEffect(() => {
    void (async () => {
      const [saved, list] = await Promise.all([savedConfig(), gadget.projects()]);
      if (saved.ok) {
        const c = saved.config;
        setScope(c.jql !== undefined ? 'jql' : c.projects !== undefined ? 'projects' : 'all');
        setProjects(c.projects ?? []);
        setJql(c.jql ?? '');
        setKpis(c.kpis ?? [...GADGET_KPI_IDS]);
        setAsOf(c.asOf ?? '');
        setBreakdown(c.breakdown ?? null);
      }
      setLoaded(list.ok ? { status: 'ready', projects: list.data } : { status: 'error', error: list.error });
    })();
  }, []);

  if (loaded.status === 'loading') return <LoadingState label="Loading the gadget settings" />;
  if (loaded.status === 'error')
    return <ErrorView title="The projects you can see could not be loaded" error={loaded.error} />;

  const projectOptions = loaded.projects.map((p) => ({ label: `${p.name} (${p.key})`, value: p.key }));
  const save = async () => {
    const missing: FormErrors['fields'] = {};
    if (scope === 'projects' && projects.length === 0) missing.projects = 'Choose at least one project.';
    if (scope === 'jql' && jql.trim() === '') missing.jql = 'Write a JQL query.';
    if (kpis.length === 0) missing.kpis = 'Choose at least one KPI.';
    setErrors({ fields: missing, general: null });
    if (Object.keys(missing).length > 0) return;
    const config = toConfig({ scope, projects, jql, kpis, asOf, breakdown });
    setSaving(true);
    const checked = await gadget.check(config);
    setSaving(false);
    if (!checked.ok) return setErrors(placeErrors(checked.error, scope)); // Jira's words; nothing is saved
    await view.submit(config);
  };
  const toggle = (id: GadgetKpiId, on: boolean) =>
    setKpis((list) =>
      on ? GADGET_KPI_IDS.filter((k) => k === id || list.includes(k)) : list.filter((k) => k !== id),
    );

  return (
    <Box padding="space.200">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack space="space.200">
          <Heading size="small" as="h2">
            Portfolio KPIs: settings
          </Heading>
          <Field
            label="Scope"
            htmlFor="kpi-edit-scope"
            help="Which implementations the numbers cover. Each person who views the dashboard sees the numbers of the projects they have permission to browse."
          >
            <Select<SelectOption<ScopeKind>>
              inputId="kpi-edit-scope"
              options={SCOPES}
              value={SCOPES.find((s) => s.value === scope) ?? null}
              onChange={(o) => setScope(o?.value ?? 'all')}
            />
          </Field>
          {scope === 'projects' ? (
            <Field
              label="Projects"
              htmlFor="kpi-edit-projects"
              help="Implementations in these projects, with their work items."
              error={errors.fields.projects}
            >
              <Select<SelectOption<string>, true>
                inputId="kpi-edit-projects"
                isMulti
                options={projectOptions}
                value={projectOptions.filter((o) => projects.includes(o.value))}
                onChange={(sel) => setProjects(sel.map((o) => o.value))}
                aria-describedby={errors.fields.projects ? fieldErrorId('kpi-edit-projects') : undefined}
              />
            </Field>
          ) : null}
          {scope === 'jql' ? (
            <Field
              label="JQL"
              htmlFor="kpi-edit-jql"
              help="Implementations this query finds, with their work items. Use the same JQL as in Jira's issue search."
              error={errors.fields.jql}
            >
              <TextArea
                id="kpi-edit-jql"
                value={jql}
                onChange={(e) => setJql(e.currentTarget.value)}
                minimumRows={2}
                testId="kpi-edit-jql"
                isInvalid={errors.fields.jql !== undefined}
                aria-describedby={errors.fields.jql ? fieldErrorId('kpi-edit-jql') : undefined}
              />
            </Field>
          ) : null}
          <Grid templateColumns="1fr 1fr" gap="space.200">
            <Field
              label="As of"
              htmlFor="kpi-edit-asof"
              help="Leave empty to show today's numbers. Only what had happened by this date counts."
              error={errors.fields.asOf}
            >
              <DateField
                id="kpi-edit-asof"
                value={asOf === '' ? null : asOf}
                onChange={(v) => setAsOf(v ?? '')}
                testId="kpi-edit-asof"
                isInvalid={errors.fields.asOf !== undefined}
                describedBy={errors.fields.asOf ? fieldErrorId('kpi-edit-asof') : undefined}
              />
            </Field>
            <Field
              label="Breakdown"
              htmlFor="kpi-edit-breakdown"
              help="Also show each KPI per complexity tier or customer segment."
              error={errors.fields.breakdown}
            >
              <Select<SelectOption<Breakdown | null>>
                inputId="kpi-edit-breakdown"
                options={BREAKDOWNS}
                value={BREAKDOWNS.find((b) => b.value === breakdown) ?? null}
                onChange={(o) => setBreakdown(o?.value ?? null)}
                aria-describedby={errors.fields.breakdown ? fieldErrorId('kpi-edit-breakdown') : undefined}
              />
            </Field>
          </Grid>
          <fieldset
            style={{ border: 0, padding: 0, margin: 0 }}
            aria-describedby={errors.fields.kpis ? fieldErrorId('kpi-edit-kpis') : undefined}
          >
            <legend>
              <Text weight="semibold" size="small">
                KPIs ({kpis.length} of {GADGET_KPI_IDS.length})
              </Text>
            </legend>
            <Inline space="space.100">
              <Button appearance="subtle" spacing="compact" onClick={() => setKpis([...GADGET_KPI_IDS])}>
                All
              </Button>
              <Button appearance="subtle" spacing="compact" onClick={() => setKpis([])}>
                None
              </Button>
            </Inline>
            <Grid templateColumns="repeat(auto-fill, minmax(220px, 1fr))" gap="space.050">
              {GADGET_KPI_IDS.map((id) => (
                <Checkbox
                  key={id}
                  label={KPI_LABELS[id]}
                  name="kpis"
                  value={id}
                  isChecked={kpis.includes(id)}
                  onChange={(e) => toggle(id, e.currentTarget.checked)}
                  testId={`kpi-edit-kpi-${id}`}
                />
              ))}
            </Grid>
            {errors.fields.kpis ? (
              <div id={fieldErrorId('kpi-edit-kpis')} data-testid={fieldErrorId('kpi-edit-kpis')}>
                <ErrorMessage>{errors.fields.kpis}</ErrorMessage>
              </div>
            ) : null}
          </fieldset>
          {errors.general !== null ? (
            <SectionMessage appearance="error" title="Not saved" testId="kpi-edit-error">
              <Text>{errors.general}</Text>
            </SectionMessage>
          ) : null}
          <Inline space="space.100">
            <Button type="submit" appearance="primary" isDisabled={saving} testId="kpi-edit-save">
              {saving ? 'Checking…' : 'Save'}
            </Button>
            <Button onClick={() => void view.close()} isDisabled={saving}>
              Cancel
            </Button>
          </Inline>
        </Stack>
      </form>
    </Box>
  );
}
