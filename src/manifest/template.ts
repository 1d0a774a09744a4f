/** `{{field}}` templates used by auth variants to place credentials on a request. */

const FIELD = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function templateFields(template: string): string[] {
  return [...template.matchAll(FIELD)].map((m) => m[1]!);
}

/** The template with its fields filled in, or undefined when any field has no value. */
export function fillTemplate(template: string, values: Record<string, string | undefined>): string | undefined {
  let complete = true;
  const filled = template.replace(FIELD, (_, field: string) => {
    const value = values[field];
    if (!value) complete = false;
    return value ?? "";
  });
  return complete ? filled : undefined;
}
