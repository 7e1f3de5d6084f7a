// Form fields bound to a path of the draft settings, each with its label, help, and the errors of
// that path right under it (the same messages the resolver gives).
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Box, Grid, xcss } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { FieldError } from '../../src/contracts/settings';
import { fractionOf, percentOf } from '../../src/contracts/settings';
import { errorsAt, getAt, pathKey, testIdOf, type Path } from './paths';

export interface FormApi {
  draft: unknown;
  errors: readonly FieldError[];
  readOnly: boolean;
  set: (path: Path, value: unknown) => void;
}

export const FormContext = createContext<FormApi>({
  draft: {},
  errors: [],
  readOnly: true,
  set: () => undefined,
});
export const useForm = () => useContext(FormContext);

/**
 * A field's box: at least 200 px wide, never a flex basis (in a column a basis is a height, which
 * left a gap under the label); rows of fields are grids (FieldGrid) that give each its width.
 */
const fieldBox = xcss({ minWidth: '200px' });

/** Fields side by side, as many 240 px columns as fit, each as wide as its column, no gaps. */
export function FieldGrid({ children, min = 240 }: { children: ReactNode; min?: number }) {
  return (
    <Grid
      templateColumns={`repeat(auto-fill, minmax(${min}px, 1fr))`}
      columnGap="space.200"
      rowGap="space.150"
    >
      {children}
    </Grid>
  );
}

export function FieldErrors({ path, exact = false }: { path: Path; exact?: boolean }) {
  const { errors } = useForm();
  const mine = exact
    ? errors.filter((e) => e.path === pathKey(path)).map((e) => e.message)
    : errorsAt(errors, path);
  if (mine.length === 0) return null;
  return (
    <div data-testid={testIdOf('error', path)} role="alert">
      {mine.map((m, i) => (
        <ErrorMessage key={i}>{m}</ErrorMessage>
      ))}
    </div>
  );
}

export function SettingField({
  path,
  label,
  help,
  children,
}: {
  path: Path;
  label: string;
  help?: string;
  children: (id: string, invalid: boolean) => ReactNode;
}) {
  const { errors } = useForm();
  const id = `f-${pathKey(path)}`;
  const invalid = errorsAt(errors, path).length > 0;
  return (
    <Box xcss={fieldBox}>
      <Label htmlFor={id}>{label}</Label>
      {children(id, invalid)}
      {invalid ? <FieldErrors path={path} /> : help ? <HelperMessage>{help}</HelperMessage> : null}
    </Box>
  );
}

/** A text setting; empty means "not set" when `optional` (the key is removed, so the default applies). */
export function TextSetting({
  path,
  label,
  help,
  optional = false,
}: {
  path: Path;
  label: string;
  help?: string;
  optional?: boolean;
}) {
  const { draft, readOnly, set } = useForm();
  const value = getAt(draft, path);
  return (
    <SettingField path={path} label={label} help={help}>
      {(id, invalid) => (
        <Textfield
          id={id}
          value={typeof value === 'string' ? value : ''}
          isInvalid={invalid}
          isDisabled={readOnly}
          testId={testIdOf('field', path)}
          onChange={(e) => {
            const v = e.currentTarget.value;
            set(path, optional && v.trim() === '' ? undefined : v);
          }}
        />
      )}
    </SettingField>
  );
}

/** A list of names, typed comma-separated; the text is kept as typed while the list updates. */
export function ListSetting({ path, label, help }: { path: Path; label: string; help?: string }) {
  const { draft, readOnly, set } = useForm();
  const value = getAt(draft, path);
  const list = Array.isArray(value) ? value.map(String) : [];
  const [text, setText] = useState(list.join(', '));
  const joined = list.join(', ');
  useEffect(() => {
    // An outside change (reset to defaults) replaces the text; our own edits parse back to the same list.
    setText((t) => (split(t).join(', ') === joined ? t : joined));
  }, [joined]);
  return (
    <SettingField path={path} label={label} help={help ?? 'Separate names with commas.'}>
      {(id, invalid) => (
        <Textfield
          id={id}
          value={text}
          isInvalid={invalid}
          isDisabled={readOnly}
          testId={testIdOf('field', path)}
          onChange={(e) => {
            setText(e.currentTarget.value);
            set(path, split(e.currentTarget.value));
          }}
        />
      )}
    </SettingField>
  );
}

const split = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** A number; what is not a number is kept as typed so its error can show next to it. */
export function NumberSetting({
  path,
  label,
  help,
  step,
  percent = false,
}: {
  path: Path;
  label: string;
  help?: string;
  step?: number;
  /** Stored as a fraction, typed and shown as a percentage (85 is stored as 0.85). */
  percent?: boolean;
}) {
  const { draft, readOnly, set } = useForm();
  const value = getAt(draft, path);
  const shown = (v: number) => (percent ? percentOf(v) : v);
  const [text, setText] = useState(
    typeof value === 'number' ? String(shown(value)) : typeof value === 'string' ? value : '',
  );
  useEffect(() => {
    if (typeof value === 'number') setText((t) => (Number(t) === shown(value) ? t : String(shown(value))));
  }, [value, percent]);
  return (
    <SettingField path={path} label={percent ? `${label} (%)` : label} help={help}>
      {(id, invalid) => (
        <Textfield
          id={id}
          type="number"
          step={step ?? 'any'}
          min={percent ? 0 : undefined}
          max={percent ? 100 : undefined}
          value={text}
          isInvalid={invalid}
          isDisabled={readOnly}
          testId={testIdOf('field', path)}
          elemAfterInput={percent ? <Box paddingInline="space.100">%</Box> : undefined}
          onChange={(e) => {
            const t = e.currentTarget.value;
            setText(t);
            const n = Number(t);
            set(path, t.trim() !== '' && Number.isFinite(n) ? (percent ? fractionOf(n) : n) : t);
          }}
        />
      )}
    </SettingField>
  );
}

/** One of a few values, chosen from a select; with `optional`, clearing it removes the key (its default applies). */
export function SelectSetting<V extends string>({
  path,
  label,
  help,
  options,
  optional = false,
  placeholder,
}: {
  path: Path;
  label: string;
  help?: string;
  options: ReadonlyArray<{ label: string; value: V }>;
  optional?: boolean;
  placeholder?: string;
}) {
  const { draft, readOnly, set } = useForm();
  const value = getAt(draft, path);
  return (
    <SettingField path={path} label={label} help={help}>
      {(id, invalid) => (
        <Box testId={testIdOf('field', path)}>
          <Select<{ label: string; value: V }, false>
            inputId={id}
            isDisabled={readOnly}
            isInvalid={invalid}
            isClearable={optional}
            placeholder={placeholder}
            options={[...options]}
            value={options.find((o) => o.value === value) ?? null}
            onChange={(o) => set(path, o === null ? undefined : o.value)}
          />
        </Box>
      )}
    </SettingField>
  );
}
