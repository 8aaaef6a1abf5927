/**
 * How agencies number the measures of a plan: "(2.1)" is issue 2, its first measure. The plan, its
 * workbook and the follow-up report all refer to a measure by this number (indexes 0-based in).
 */
export const measureNumber = (issueIndex: number, measureIndex: number) =>
  `(${issueIndex + 1}.${measureIndex + 1})`;
