// Pieces of the surfaces' own forms (those not built on @atlaskit/form): a select's option, and a
// field with its small label above the control and, optionally, a line of help under it.
import { Stack, Text } from '@atlaskit/primitives';
import type { ReactNode } from 'react';

/** One option of an Atlaskit select. */
export interface SelectOption<V> {
  label: string;
  value: V;
}

export function Field({
  label,
  htmlFor,
  help,
  children,
}: {
  label: string;
  htmlFor: string;
  help?: string;
  children: ReactNode;
}) {
  return (
    <Stack space="space.050">
      <label htmlFor={htmlFor}>
        <Text size="small" weight="semibold" color="color.text.subtle">
          {label}
        </Text>
      </label>
      {children}
      {help ? (
        <Text size="small" color="color.text.subtlest">
          {help}
        </Text>
      ) : null}
    </Stack>
  );
}
