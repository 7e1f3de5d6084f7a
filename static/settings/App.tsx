// Runway settings (Jira admin page): mappings of data-model.md, KPI targets per tier, gate
// definitions with approvers, and provisioning. Every change is checked with the resolver's own
// schema as it is typed, errors sit next to their fields, and Save sends only valid settings (the
// resolver checks again and refuses anything else, leaving the stored settings as they were).
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { useMemo, useState, type ReactNode } from 'react';
import {
  distinctErrors,
  settingPathInWords,
  validateSettings,
  type FieldError,
  type SettingsView,
} from '../../src/contracts/settings';
import { ErrorView, LoadingState } from '../shared/states';
import { useResolver } from '../shared/use-resolver';
import { settingsApi } from './api';
import { FormContext, type FormApi } from './fields';
import { DirectoryProvider } from './pickers';
import { AlertsTab } from './AlertsTab';
import { GatesTab } from './GatesTab';
import { MappingsTab } from './MappingsTab';
import { setAt, type Path } from './paths';
import { ProjectsTab } from './ProjectsTab';
import { ProvisioningTab } from './ProvisioningTab';
import { TargetsTab } from './TargetsTab';

const TAB_OF = (path: string): number =>
  path.startsWith('alerts')
    ? 4
    : path.startsWith('targets')
      ? 1
      : path.startsWith('gates') || path.startsWith('enforcement')
        ? 2
        : 0;
const TAB_NAMES = ['Mappings', 'KPI targets', 'Gates', 'Provisioning', 'Alerts', 'Projects'];

/**
 * Save and Discard stay in view: Forge sizes an admin page's frame to its content, so the frame
 * never scrolls and a sticky bar inside it would scroll away with the product's page. Instead the
 * tabs' content scrolls in a region no taller than the screen leaves for it, under the bar.
 */
const actionBar = xcss({ backgroundColor: 'elevation.surface', paddingBlockEnd: 'space.100' });
const scrollRegion = xcss({
  overflowY: 'auto',
  width: '100%',
  minWidth: '0',
  flexGrow: 1,
  paddingInlineEnd: 'space.100',
  borderBlockEndColor: 'color.border',
  borderBlockEndStyle: 'solid',
  borderBlockEndWidth: 'border.width',
});
/** What the product's own header, the page title and this page's bar leave of the screen. */
const regionHeight = () => Math.max(320, Math.min(window.screen.availHeight, 1600) - 420);
const SUMMARY_LINES = 6;

/** A tab's content, scrolling under the tabs (each panel its own: Tabs pairs panels with tabs by position). */
function Region({ tab, maxHeight, children }: { tab: number; maxHeight: number; children: ReactNode }) {
  return (
    <Box xcss={scrollRegion} style={{ maxHeight }} testId={`settings-scroll-${tab}`}>
      {children}
    </Box>
  );
}

function Editor({ view }: { view: SettingsView }) {
  const [maxHeight] = useState(regionHeight);
  const [saved, setSaved] = useState<unknown>(view.settings);
  const [draft, setDraft] = useState<unknown>(view.settings);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [notice, setNotice] = useState<{ appearance: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState(0);
  const checked = useMemo(() => validateSettings(draft), [draft]);
  const errors = distinctErrors(checked.ok ? serverErrors : checked.errors);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const readOnly = !view.canEdit;

  const form: FormApi = {
    draft,
    errors,
    readOnly,
    set: (path: Path, value: unknown) => {
      setDraft((d: unknown) => setAt(d, path, value));
      setServerErrors([]);
      setNotice(null);
    },
  };

  const save = async () => {
    if (!checked.ok)
      return setNotice({
        appearance: 'error',
        text: `Not saved: ${errors.length} setting${errors.length === 1 ? ' needs' : 's need'} fixing (marked below).`,
      });
    setBusy(true);
    const r = await settingsApi.save(draft as Record<string, unknown>);
    setBusy(false);
    if (!r.ok) return setNotice({ appearance: 'error', text: r.error });
    if (!r.data.saved) {
      setServerErrors(r.data.errors);
      return setNotice({ appearance: 'error', text: r.data.reason });
    }
    setSaved(r.data.settings);
    setDraft(r.data.settings);
    setNotice({ appearance: 'success', text: 'Settings saved.' });
  };

  // The messages above the tabs take their room from the region, so its end stays on the screen.
  const above =
    (readOnly ? 64 : 0) +
    (notice ? 64 : 0) +
    (errors.length > 0 ? 56 + 20 * Math.min(errors.length, SUMMARY_LINES + 1) : 0);
  const regionMax = Math.max(240, maxHeight - above);
  const countIn = (t: number) => errors.filter((e) => TAB_OF(e.path) === t).length;
  return (
    <FormContext.Provider value={form}>
      <DirectoryProvider
        people={view.people}
        siteFields={view.siteFields}
        siteFieldsError={view.siteFieldsError}
      >
        <Box padding="space.300">
          <Stack space="space.200">
            <Box xcss={actionBar} testId="settings-actions">
              <Inline spread="space-between" alignBlock="center" shouldWrap>
                <Stack space="space.050">
                  <Heading size="medium" as="h1">
                    Runway settings
                  </Heading>
                  <Text color="color.text.subtle">
                    How this site names implementations, the KPI targets, the stage gates, and the daily
                    alerts.
                  </Text>
                </Stack>
                {readOnly ? null : (
                  <Box>
                    <Inline space="space.100">
                      <Button onClick={() => form.set([], view.defaults)} testId="reset-defaults">
                        Reset to defaults
                      </Button>
                      <Button
                        appearance="subtle"
                        isDisabled={!dirty}
                        testId="discard-settings"
                        onClick={() => {
                          setDraft(saved);
                          setServerErrors([]);
                          setNotice(null);
                        }}
                      >
                        Discard changes
                      </Button>
                      <Button
                        appearance="primary"
                        onClick={() => void save()}
                        isLoading={busy}
                        isDisabled={!dirty}
                        testId="save-settings"
                      >
                        Save
                      </Button>
                    </Inline>
                  </Box>
                )}
              </Inline>
            </Box>
            {readOnly ? (
              <SectionMessage appearance="information" testId="read-only">
                <Text>
                  Only Jira administrators can change these settings; you are seeing them read-only.
                </Text>
              </SectionMessage>
            ) : null}
            {notice ? (
              <div role="status" aria-live="polite">
                <SectionMessage appearance={notice.appearance} testId="settings-notice">
                  <Text>{notice.text}</Text>
                </SectionMessage>
              </div>
            ) : null}
            {errors.length > 0 ? (
              <SectionMessage
                appearance="warning"
                title={`${errors.length} setting${errors.length === 1 ? '' : 's'} to fix`}
                testId="settings-errors"
              >
                <Stack space="space.025">
                  {errors.slice(0, SUMMARY_LINES).map((e, i) => (
                    <Text key={i} size="small">
                      {TAB_NAMES[TAB_OF(e.path)]} · {settingPathInWords(e.path)}: {e.message}
                    </Text>
                  ))}
                  {errors.length > SUMMARY_LINES ? (
                    <Text size="small">
                      …and {errors.length - SUMMARY_LINES} more, each marked next to its field.
                    </Text>
                  ) : null}
                </Stack>
              </SectionMessage>
            ) : null}
            <Tabs id="settings-tabs" selected={tab} onChange={setTab}>
              <TabList>
                {TAB_NAMES.map((name, i) => (
                  <Tab key={name} testId={`tab-${i}`}>
                    {countIn(i) > 0 ? `${name} (${countIn(i)})` : name}
                  </Tab>
                ))}
              </TabList>
              <TabPanel>
                <Region tab={0} maxHeight={regionMax}>
                  <MappingsTab />
                </Region>
              </TabPanel>
              <TabPanel>
                <Region tab={1} maxHeight={regionMax}>
                  <TargetsTab />
                </Region>
              </TabPanel>
              <TabPanel>
                <Region tab={2} maxHeight={regionMax}>
                  <GatesTab />
                </Region>
              </TabPanel>
              <TabPanel>
                <Region tab={3} maxHeight={regionMax}>
                  <ProvisioningTab
                    initial={view.provisioning}
                    error={view.provisioningError}
                    canEdit={view.canEdit}
                  />
                </Region>
              </TabPanel>
              <TabPanel>
                <Region tab={4} maxHeight={regionMax}>
                  <AlertsTab />
                </Region>
              </TabPanel>
              <TabPanel>
                <Region tab={5} maxHeight={regionMax}>
                  <ProjectsTab />
                </Region>
              </TabPanel>
            </Tabs>
          </Stack>
        </Box>
      </DirectoryProvider>
    </FormContext.Provider>
  );
}

export function App() {
  const load = useResolver(() => settingsApi.get(), []);
  if (load.status === 'loading') return <LoadingState label="Loading Runway settings" />;
  if (load.status === 'error')
    return <ErrorView title="Runway settings could not be loaded" error={load.error} onRetry={load.retry} />;
  return <Editor view={load.data} />;
}
