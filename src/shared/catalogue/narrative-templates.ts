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

/** Templates split at their placeholders once: text, name, text, … (an analysis fills ~100k). */
const compiled = new Map<string, string[]>();

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{([a-z_]+)\}/);
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(template, parts);
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (values[name] ?? `{${name}}`) + parts[i + 1]!;
  }
  return out;
}
