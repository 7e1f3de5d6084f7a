// Choosing an implementation by key or by words of its summary: an async select over the
// resolver's search, which runs as the user (nobody is offered what they cannot see).
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Box } from '@atlaskit/primitives';
import { AsyncSelect } from '@atlaskit/select';
import type { ImplementationOption, ImplementationOptions } from '../../../src/contracts/playbook';
import type { ResolverResult } from '../../../src/contracts/result';

export interface Picked {
  label: string;
  value: string;
}

export const optionOf = (i: ImplementationOption): Picked => ({
  value: i.key,
  label: i.summary ? `${i.key} ${i.summary}` : i.key,
});

type Search = (query: string) => Promise<ResolverResult<ImplementationOptions>>;

/** The option of a saved implementation key: with its summary while the user can find it, else the key alone. */
export async function savedImplementation(key: string, search: Search): Promise<Picked> {
  const found = await search(key);
  const match = found.ok ? found.data.implementations.find((i) => i.key === key) : undefined;
  return match ? optionOf(match) : { value: key, label: key };
}

export function ImplementationPicker({
  value,
  onChange,
  search,
  error,
}: {
  value: Picked | null;
  onChange: (picked: Picked | null) => void;
  search: Search;
  error?: string;
}) {
  const load = async (query: string): Promise<Picked[]> => {
    const r = await search(query);
    return r.ok ? r.data.implementations.map(optionOf) : [];
  };
  return (
    <Box testId="implementation-field">
      <Label htmlFor="implementation" id="implementation-label">
        Implementation
      </Label>
      <AsyncSelect<Picked>
        inputId="implementation"
        aria-labelledby="implementation-label"
        cacheOptions
        defaultOptions
        loadOptions={load}
        value={value}
        onChange={(v) => onChange(v ?? null)}
        placeholder="Type a key (IMP-12) or words of the summary"
        noOptionsMessage={({ inputValue }) =>
          inputValue ? `No implementation you can see matches “${inputValue}”` : 'No implementations'
        }
        isClearable
        testId="implementation-select"
      />
      {error ? (
        <ErrorMessage testId="implementation-error">{error}</ErrorMessage>
      ) : (
        <HelperMessage>Only implementations you can see in Jira are offered.</HelperMessage>
      )}
    </Box>
  );
}
