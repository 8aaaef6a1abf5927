/** One problem found in an edition file; `path` looks like `questions[12].indicator`. */
export type EditionError = {
  path: string;
  message_th: string;
  message_en: string;
  line?: number;
  column?: number;
};

export function editionError(path: string, message_en: string, message_th: string): EditionError {
  return { path, message_th, message_en };
}
