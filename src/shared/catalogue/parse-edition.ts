import { type Document, LineCounter, parseDocument, visit } from 'yaml';
import { checkEditionRules } from './edition.rules.ts';
import { type Edition, editionSchema } from './edition.schema.ts';
import { type EditionError, editionError } from './edition-error.ts';
import { checkGroupingRefs } from './grouping-refs.ts';
import { checkQuestionMappings } from './question-mappings.ts';
import { zodIssuesToEditionErrors } from './zod-errors.ts';

export type { EditionError } from './edition-error.ts';

export type ParseEditionResult = { ok: true; edition: Edition } | { ok: false; errors: EditionError[] };

export type ParseEditionOptions = {
  /** Other editions to resolve `grouping_refs` against; refs are not checked when omitted. */
  knownEditions?: readonly Edition[];
};

/** Parses and validates one edition file: YAML syntax, then the schema, then the cross-field rules. */
export function parseEdition(yamlText: string, opts: ParseEditionOptions = {}): ParseEditionResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return {
          ...editionError(
            '',
            `YAML syntax error at line ${line}, column ${col}: ${e.message}`,
            `ไวยากรณ์ YAML ผิดที่บรรทัด ${line} คอลัมน์ ${col}: ${e.message}`,
          ),
          line,
          column: col,
        };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // Aliases that expand without bound (a "billion laughs" file) or name no anchor: a bad file, not a crash.
    if (!(error instanceof ReferenceError)) throw error;
    return { ok: false, errors: [aliasError(doc, lineCounter, error.message)] };
  }
  const parsed = editionSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, errors: locate(zodIssuesToEditionErrors(parsed.error.issues), doc, lineCounter) };
  }
  const edition = parsed.data;
  const errors = checkEditionRules(edition);
  if (opts.knownEditions) errors.push(...checkGroupingRefs(edition, opts.knownEditions));
  errors.push(...checkQuestionMappings(edition, opts.knownEditions));
  if (errors.length > 0) return { ok: false, errors: locate(errors, doc, lineCounter) };
  return { ok: true, edition };
}

/** How many nodes aliases may expand to in one edition file (the `yaml` package's guard). */
const MAX_ALIAS_COUNT = 100;

/** The alias error, placed at the file's first alias (where the expansion starts). */
function aliasError(doc: Document, lineCounter: LineCounter, message: string): EditionError {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  const position = offset === undefined ? undefined : lineCounter.linePos(offset);
  const where = position ? ` (line ${position.line}, column ${position.col})` : '';
  const whereTh = position ? ` (บรรทัด ${position.line} คอลัมน์ ${position.col})` : '';
  return {
    ...editionError(
      '',
      `YAML aliases cannot be resolved: too many or unknown${where}: ${message}`,
      `การอ้างอิงซ้ำ (alias) ใน YAML ใช้ไม่ได้ เพราะมากเกินไปหรืออ้างถึงสิ่งที่ไม่มี${whereTh}: ${message}`,
    ),
    ...(position ? { line: position.line, column: position.col } : {}),
  };
}

function pathSegments(path: string): (string | number)[] {
  return [...path.matchAll(/\[(\d+)\]|[^.[\]]+/g)].map((m) => (m[1] === undefined ? m[0] : Number(m[1])));
}

/** Adds the line and column of the nearest YAML node that exists on each error's path. */
function locate(errors: EditionError[], doc: Document, lineCounter: LineCounter): EditionError[] {
  return errors.map((error) => {
    const segments = pathSegments(error.path);
    for (let n = segments.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
      const offset = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
      if (offset !== undefined) {
        const { line, col } = lineCounter.linePos(offset);
        return { ...error, line, column: col };
      }
    }
    return error;
  });
}
