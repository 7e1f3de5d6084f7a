// Approver pickers (people and groups, searched in Jira as the admin) and the field picker (the
// site's fields by name). The settings keep account ids, group names and field ids; the pickers
// show names. @atlaskit/user-picker cannot be installed in this project (the registry lacks its
// dependencies), so the people picker is @atlaskit/select's async select with avatars and names,
// as Jira's own pickers look.
import Avatar from '@atlaskit/avatar';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import Select, { AsyncSelect } from '@atlaskit/select';
import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  FIELD_WORDS,
  fieldsSharingASiteField,
  type DirectoryUser,
  type SiteField,
} from '../../src/contracts/settings';
import { settingsApi } from './api';
import { SettingField, useForm } from './fields';
import { getAt, testIdOf, type Path } from './paths';

export interface Directory {
  /** People known by account id: the configured approvers, and everyone a search found. */
  people: ReadonlyMap<string, DirectoryUser>;
  remember: (users: readonly DirectoryUser[]) => void;
  siteFields: readonly SiteField[] | null;
  siteFieldsError: string | null;
}

export const DirectoryContext = createContext<Directory>({
  people: new Map(),
  remember: () => undefined,
  siteFields: null,
  siteFieldsError: null,
});

export function DirectoryProvider({
  people,
  siteFields,
  siteFieldsError,
  children,
}: {
  people: readonly DirectoryUser[];
  siteFields: readonly SiteField[] | null;
  siteFieldsError: string | null;
  children: ReactNode;
}) {
  const [known, setKnown] = useState(() => new Map(people.map((p) => [p.accountId, p])));
  const value = useMemo<Directory>(
    () => ({
      people: known,
      remember: (users) =>
        setKnown((m) => {
          if (users.every((u) => m.has(u.accountId))) return m;
          const next = new Map(m);
          for (const u of users) next.set(u.accountId, u);
          return next;
        }),
      siteFields,
      siteFieldsError,
    }),
    [known, siteFields, siteFieldsError],
  );
  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>;
}

interface Option {
  label: string;
  value: string;
  /** Under the name: the email, "group", or why the id has no name. */
  detail?: string;
  avatarUrl?: string | null;
  kind: 'person' | 'group';
}

/** Waits until typing pauses before asking Jira (one search per pause, not per key). */
function useDebounced<T>(search: (q: string) => Promise<T[]>, ms = 250) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  return (q: string) =>
    new Promise<T[]>((resolve) => {
      clearTimeout(timer.current);
      if (q.trim() === '') return resolve([]);
      timer.current = setTimeout(() => void search(q.trim()).then(resolve), ms);
    });
}

function OptionLabel({ option, chip }: { option: Option; chip: boolean }) {
  // A chosen value (a chip in the box) is one line: avatar and name; the menu says more.
  if (chip)
    return (
      <Inline space="space.050" alignBlock="center">
        {option.kind === 'person' ? (
          <Avatar size="xsmall" name={option.label} src={option.avatarUrl ?? undefined} />
        ) : null}
        <Text size="small">{option.label}</Text>
      </Inline>
    );
  return (
    <Inline space="space.100" alignBlock="center">
      {option.kind === 'person' ? (
        <Avatar size="small" name={option.label} src={option.avatarUrl ?? undefined} />
      ) : null}
      <Stack space="space.0">
        <Text>{option.label}</Text>
        {option.detail ? (
          <Text size="small" color="color.text.subtlest">
            {option.detail}
          </Text>
        ) : null}
      </Stack>
    </Inline>
  );
}

/** A list setting of values chosen with an async search: the shell both pickers share. */
function SearchPicker({
  path,
  label,
  help,
  placeholder,
  toOption,
  search,
}: {
  path: Path;
  label: string;
  help?: string;
  placeholder: string;
  toOption: (value: string) => Option;
  search: (q: string) => Promise<Option[]>;
}) {
  const { draft, readOnly, set } = useForm();
  const raw = getAt(draft, path);
  const values = Array.isArray(raw) ? raw.map(String) : [];
  const [failure, setFailure] = useState<string | null>(null);
  const load = useDebounced(async (q: string) => {
    try {
      const found = await search(q);
      setFailure(null);
      return found;
    } catch (e) {
      setFailure(e instanceof Error ? e.message : String(e));
      return [];
    }
  });
  return (
    <SettingField path={path} label={label} help={failure ? `Search failed: ${failure}` : help}>
      {(id, invalid) => (
        <Box testId={testIdOf('field', path)}>
          <AsyncSelect<Option, true>
            inputId={id}
            isMulti
            isClearable={false}
            isDisabled={readOnly}
            isInvalid={invalid}
            placeholder={placeholder}
            loadOptions={load}
            value={values.map(toOption)}
            formatOptionLabel={(o, meta) => <OptionLabel option={o} chip={meta.context === 'value'} />}
            noOptionsMessage={({ inputValue }) =>
              inputValue.trim() === '' ? 'Type to search' : `Nothing matches “${inputValue}”`
            }
            onChange={(chosen) =>
              set(
                path,
                chosen.map((o) => o.value),
              )
            }
          />
        </Box>
      )}
    </SettingField>
  );
}

/** Approvers by account id, shown (and found) by name: Jira's user search, as the admin. */
export function UserPicker({ path, label, help }: { path: Path; label: string; help?: string }) {
  const { people, remember } = useContext(DirectoryContext);
  const toOption = (accountId: string): Option => {
    const p = people.get(accountId);
    return p
      ? {
          kind: 'person',
          value: accountId,
          label: p.displayName,
          detail: p.active ? (p.email ?? undefined) : 'Account closed or deactivated',
          avatarUrl: p.avatarUrl,
        }
      : { kind: 'person', value: accountId, label: accountId, detail: 'Not found on this site' };
  };
  return (
    <SearchPicker
      path={path}
      label={label}
      help={help}
      placeholder="Search people by name or email"
      toOption={toOption}
      search={async (q) => {
        const r = await settingsApi.searchUsers(q);
        if (!r.ok) throw new Error(r.error);
        remember(r.data.users);
        return r.data.users.map((u) => ({
          kind: 'person' as const,
          value: u.accountId,
          label: u.displayName,
          detail: u.email ?? undefined,
          avatarUrl: u.avatarUrl,
        }));
      }}
    />
  );
}

/** Approver groups, by name: Jira's group picker, as the admin. */
export function GroupPicker({ path, label, help }: { path: Path; label: string; help?: string }) {
  return (
    <SearchPicker
      path={path}
      label={label}
      help={help}
      placeholder="Search groups"
      toOption={(name) => ({ kind: 'group', value: name, label: name })}
      search={async (q) => {
        const r = await settingsApi.searchGroups(q);
        if (!r.ok) throw new Error(r.error);
        return r.data.groups.map((g) => ({ kind: 'group' as const, value: g.name, label: g.name }));
      }}
    />
  );
}

interface FieldOption {
  label: string;
  value: string;
  detail: string;
}

/**
 * One logical field of data-model.md, chosen from the site's fields by name: the choice keeps the
 * field's id (`fieldIds`) and its name (`fieldNames`, how Runway finds it again if the id goes).
 * Cleared, the field is found by its default name. A name not on the site stays shown as such.
 */
export function FieldPicker({
  fieldKey,
  label,
  defaultName,
}: {
  fieldKey: string;
  label: string;
  /** Cleared, the field is found by this name again (data-model.md's). */
  defaultName: string;
}) {
  const { draft, readOnly, set } = useForm();
  const { siteFields, siteFieldsError } = useContext(DirectoryContext);
  const namePath: Path = ['fieldNames', fieldKey];
  const idPath: Path = ['fieldIds', fieldKey];
  const name = getAt(draft, namePath);
  const id = getAt(draft, idPath);
  const fields = siteFields ?? [];
  const sameName = (f: SiteField) => typeof name === 'string' && f.name.toLowerCase() === name.toLowerCase();
  const chosen = typeof id === 'string' ? fields.find((f) => f.id === id) : fields.find(sameName);
  const twins = (f: SiteField) =>
    fields.filter((x) => x.name.toLowerCase() === f.name.toLowerCase()).length > 1;
  const option = (f: SiteField): FieldOption => ({
    label: f.name,
    value: f.id,
    // Two fields may share a name: then the id tells them apart.
    detail: `${f.custom ? 'Custom field' : 'System field'}${twins(f) ? ` · ${f.id}` : ''}`,
  });
  const missing: FieldOption | null =
    chosen === undefined && typeof name === 'string'
      ? {
          label: name,
          value: '',
          detail:
            typeof id === 'string'
              ? `No field ${id} on this site`
              : 'Not on this site yet: Provisioning creates it',
        }
      : null;
  // Said only when it matters: the site's fields unreadable, a name not on the site, a shared name.
  const sharedWith =
    fieldsSharingASiteField(
      (getAt(draft, ['fieldNames']) ?? {}) as Record<string, unknown>,
      (getAt(draft, ['fieldIds']) ?? {}) as Record<string, unknown>,
      fields,
    ).get(fieldKey as keyof typeof FIELD_WORDS) ?? [];
  const help =
    siteFieldsError ??
    (sharedWith.length > 0
      ? `Also chosen for ${sharedWith.map((k) => FIELD_WORDS[k]).join(', ')}: each needs its own field.`
      : missing
        ? missing.detail
        : chosen && twins(chosen)
          ? option(chosen).detail
          : undefined);
  return (
    <SettingField path={idPath} label={label} help={help}>
      {(inputId, invalid) => (
        <Box testId={testIdOf('field', namePath)}>
          <Select<FieldOption, false>
            inputId={inputId}
            isDisabled={readOnly}
            isInvalid={invalid}
            isClearable
            placeholder="Choose a field"
            options={fields.map(option)}
            value={chosen ? option(chosen) : missing}
            formatOptionLabel={(o, meta) =>
              meta.context === 'menu' ? (
                <Stack space="space.0">
                  <Text>{o.label}</Text>
                  <Text size="small" color="color.text.subtlest">
                    {o.detail}
                  </Text>
                </Stack>
              ) : (
                o.label
              )
            }
            onChange={(o) => {
              if (o === null) {
                set(idPath, undefined);
                set(namePath, defaultName);
                return;
              }
              set(namePath, o.label);
              set(idPath, o.value);
            }}
          />
        </Box>
      )}
    </SettingField>
  );
}
