// A table filter of the list surfaces: a compact multi-select whose empty value means "all".
import { Box, xcss } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import type { SelectOption } from './form';

/** The box a filter control sits in, so filters share a row and wrap evenly. */
export const filterBox = xcss({ minWidth: '180px', flexGrow: 1 });

export function MultiFilter<V extends string>({
  label,
  id,
  options,
  value,
  onChange,
}: {
  label: string;
  id: string;
  options: Array<SelectOption<V>>;
  value: V[];
  onChange: (v: V[]) => void;
}) {
  return (
    <Box xcss={filterBox}>
      <Select<SelectOption<V>, true>
        inputId={id}
        aria-label={`Filter by ${label.toLowerCase()}`}
        placeholder={label}
        isMulti
        options={options}
        value={options.filter((o) => value.includes(o.value))}
        onChange={(selected) => onChange(selected.map((o) => o.value))}
        spacing="compact"
      />
    </Box>
  );
}
