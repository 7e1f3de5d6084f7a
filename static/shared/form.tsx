// Pieces of the surfaces' own forms (those not built on @atlaskit/form's Form): a select's option,
// and a field with Atlaskit's label (with the required asterisk) above the control and, under it,
// Atlaskit's error or helper message. Forms using it set `noValidate` and check their own fields,
// so a required field says what is missing here, never in the browser's bubble.
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';
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
  isRequired,
  children,
}: {
  label: string;
  htmlFor: string;
  help?: string;
  /** Shown as Atlaskit's error message, with the id `<htmlFor>-error` for the control's aria-describedby. */
  error?: string;
  /** Marks the label with the required asterisk (the control says so with isRequired / aria-required). */
  isRequired?: boolean;
  children: ReactNode;
}) {
  return (
    <Stack space="space.050">
      <Label htmlFor={htmlFor}>
        {label}
        {isRequired ? <RequiredAsterisk /> : null}
      </Label>
      {children}
      {error ? (
        <div id={fieldErrorId(htmlFor)} data-testid={fieldErrorId(htmlFor)}>
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      ) : null}
      {help ? <HelperMessage>{help}</HelperMessage> : null}
    </Stack>
  );
}

/** The id of a field's error line: what its control's aria-describedby names while it shows. */
export function fieldErrorId(htmlFor: string): string {
  return `${htmlFor}-error`;
}
