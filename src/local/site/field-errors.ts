// The 400 answer of a Jira write: `errors` names each wrong field, `errorMessages` the rest.

export class FieldErrors extends Error {
  constructor(
    public readonly errors: Record<string, string>,
    public readonly errorMessages: string[] = [],
  ) {
    super([...errorMessages, ...Object.entries(errors).map(([k, v]) => `${k}: ${v}`)].join('; '));
    this.name = 'FieldErrors';
  }
}
