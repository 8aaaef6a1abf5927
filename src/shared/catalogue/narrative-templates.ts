import { z } from 'zod';

const pair = z.strictObject({ th: z.string().min(1), en: z.string().min(1) });
const byScope = z.strictObject({ indicator: pair, question: pair, oit_item: pair });

/** Draft narratives per finding kind and scope (`catalogue/templates/narratives.yaml`). */
export const narrativeTemplatesSchema = z.strictObject({
  urgent: byScope,
  develop: byScope,
  strength: byScope,
});
export type NarrativeTemplates = z.infer<typeof narrativeTemplatesSchema>;

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}
