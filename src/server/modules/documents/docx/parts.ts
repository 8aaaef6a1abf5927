/**
 * Package parts we write ourselves in place of docx's: the core properties (title and the Thai
 * language, which docx has no option for) and the settings (keep the embedded fonts when the
 * document is saved again in Word; Thai as the theme language).
 */

export function xmlAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

export function corePropertiesXml(title: string, now: Date): string {
  const when = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    DECLARATION +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlAttr(title)}</dc:title>` +
    '<dc:creator>Prongsai</dc:creator>' +
    '<dc:language>th-TH</dc:language>' +
    '<cp:lastModifiedBy>Prongsai</cp:lastModifiedBy>' +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** Elements in the order of CT_Settings. */
export function settingsXml(): string {
  return (
    DECLARATION +
    '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    '<w:zoom w:percent="100"/>' +
    '<w:displayBackgroundShape/>' +
    '<w:embedTrueTypeFonts/>' +
    '<w:defaultTabStop w:val="720"/>' +
    '<w:evenAndOddHeaders w:val="false"/>' +
    '<w:characterSpacingControl w:val="doNotCompress"/>' +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    '<w:themeFontLang w:val="th-TH" w:bidi="th-TH"/>' +
    '<w:decimalSymbol w:val="."/>' +
    '<w:listSeparator w:val=","/>' +
    '</w:settings>'
  );
}
