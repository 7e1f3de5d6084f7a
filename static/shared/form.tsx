// Pieces of the surfaces' own forms (those not built on @atlaskit/form): a select's option, and a
// field with its small label above the control and, optionally, its error and a line of help under it.
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
  error,
  children,
}: {
  label: string;
  htmlFor: string;
  help?: string;
  /** Shown in the danger colour as `<htmlFor>-error`, for the control's aria-describedby. */
  error?: string;
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
      {error ? (
        <Text size="small" color="color.text.danger" id={fieldErrorId(htmlFor)}>
          {error}
        </Text>
      ) : null}
      {help ? (
        <Text size="small" color="color.text.subtlest">
          {help}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The id of a field's error line: what its control's aria-describedby names while it shows. */
export function fieldErrorId(htmlFor: string): string {
  return `${htmlFor}-error`;
}
