/** Edition files are `catalogue/ita-<fiscal year>.yaml`; other catalogue files (library, templates) are not editions. */
export const EDITION_FILE_PATTERN = /^ita-\d{4}\.ya?ml$/;
export const isEditionFile = (name: string) => EDITION_FILE_PATTERN.test(name);
