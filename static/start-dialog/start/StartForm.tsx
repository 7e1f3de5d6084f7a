// The start dialog's form: playbook, customer, tier, segment, kickoff and contract dates. Enter in
// any field submits it (preview, then create).
import { Grid, Stack } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import type { StartOptions } from '../../../src/contracts/implementations';
import { DateField } from '../../shared/DateField';
import { Field, fieldErrorId, type SelectOption } from '../../shared/form';
import { FIELD_NAMES, type FieldErrors, type Values } from './values';

export default function StartForm({
  options,
  values,
  errors,
  busy,
  onChange,
  onSubmit,
}: {
  options: StartOptions;
  values: Values;
  errors: FieldErrors;
  busy: boolean;
  onChange: (next: Partial<Values>) => void;
  onSubmit: () => void;
}) {
  const template = options.templates.find((t) => t.id === values.templateId);
  const templateOptions: Array<SelectOption<string>> = options.templates.map((t) => ({
    label: t.title,
    value: t.id,
  }));
  const tierOptions: Array<SelectOption<string>> = options.tiers.map((t) => ({ label: t, value: t }));
  const segmentOptions: Array<SelectOption<string>> = options.segments.map((s) => ({ label: s, value: s }));

  return (
    <form
      id="start-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack space="space.200">
        <Grid templateColumns="1fr 1fr" gap="space.200" alignItems="start">
          <Field label="Playbook" htmlFor="start-template" help={template?.description}>
            <Select<SelectOption<string>>
              inputId="start-template"
              options={templateOptions}
              value={templateOptions.find((o) => o.value === values.templateId) ?? null}
              onChange={(o) => onChange({ templateId: o?.value ?? '' })}
              isDisabled={busy}
            />
          </Field>
          <Field label={FIELD_NAMES.summary} htmlFor="start-summary" error={errors.summary} isRequired>
            <Textfield
              id="start-summary"
              placeholder="e.g. Acme Corp: core platform"
              value={values.summary}
              onChange={(e) => onChange({ summary: e.currentTarget.value })}
              isInvalid={errors.summary !== undefined}
              isRequired
              aria-describedby={errors.summary ? fieldErrorId('start-summary') : undefined}
              isDisabled={busy}
              autoFocus
              testId="start-summary"
            />
          </Field>
          <Field
            label={FIELD_NAMES.tier}
            htmlFor="start-tier"
            help="Sets the schedule: Enterprise runs longest."
          >
            <Select<SelectOption<string>>
              inputId="start-tier"
              options={tierOptions}
              value={tierOptions.find((o) => o.value === values.tier) ?? null}
              onChange={(o) => onChange({ tier: o?.value ?? '' })}
              isDisabled={busy}
            />
          </Field>
          <Field label="Segment" htmlFor="start-segment">
            <Select<SelectOption<string>>
              inputId="start-segment"
              options={segmentOptions}
              placeholder="No segment"
              isClearable
              value={segmentOptions.find((o) => o.value === values.segment) ?? null}
              onChange={(o) => onChange({ segment: o?.value ?? null })}
              isDisabled={busy}
            />
          </Field>
          <Field label={FIELD_NAMES.kickoff} htmlFor="start-kickoff" error={errors.kickoff} isRequired>
            <DateField
              id="start-kickoff"
              value={values.kickoff === '' ? null : values.kickoff}
              onChange={(v) => onChange({ kickoff: v ?? '' })}
              isInvalid={errors.kickoff !== undefined}
              isRequired
              describedBy={errors.kickoff ? fieldErrorId('start-kickoff') : undefined}
              isDisabled={busy}
              testId="start-kickoff"
            />
          </Field>
          <Field
            label={FIELD_NAMES.contractSigned}
            htmlFor="start-contract"
            help="Optional: for time to kickoff."
            error={errors.contractSigned}
          >
            <DateField
              id="start-contract"
              value={values.contractSigned === '' ? null : values.contractSigned}
              onChange={(v) => onChange({ contractSigned: v ?? '' })}
              isInvalid={errors.contractSigned !== undefined}
              describedBy={errors.contractSigned ? fieldErrorId('start-contract') : undefined}
              isDisabled={busy}
              testId="start-contract"
            />
          </Field>
        </Grid>
        {/* Enter in any field previews (then creates), like a form. */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Stack>
    </form>
  );
}
