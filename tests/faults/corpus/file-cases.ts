import { type Case, importFile, importFramework, refused, send, uploadEvidence } from './case.ts';
import {
  concat,
  csv,
  csvScore,
  cut,
  docxWithJszip,
  ELF,
  EXE,
  GZIP,
  goodXlsx,
  HTML,
  JAVA_CLASS,
  JPEG,
  lyingDirectoryBomb,
  MACHO,
  manyEntries,
  minimalPdf,
  nestedZip,
  OLE,
  overlappingBomb,
  PNG_1x1,
  plainZip,
  RAR,
  SEVEN_Z,
  SHELL,
  SVG,
  traversalPackage,
  utf8,
  xlsxLyingBomb,
  xlsxSpacesBomb,
  zerosBomb,
} from './files.ts';

/** Files: archive bombs, truncations, wrong types and encodings, to every route that takes a file. */
export async function fileCases(): Promise<Case[]> {
  const cases: Case[] = [];
  const add = (family: string, name: string, send: Case['send'], expect = refused()) =>
    cases.push({ family, name, send, expect });

  // --- Archive bombs ------------------------------------------------------------------------
  const bombs: [string, () => Uint8Array | Promise<Uint8Array>][] = [
    ['200 MB of spaces in 2 sheets (declared honestly)', () => xlsxSpacesBomb(2, 100)],
    ['120 MB in one sheet (declared honestly)', () => xlsxSpacesBomb(1, 120)],
    ['a sheet that lies about its size (claims 1 kB, inflates to 120 MB)', () => xlsxLyingBomb(120, 1000)],
    ['a central directory claiming 4 GB', () => lyingDirectoryBomb()],
    ['overlapping entries (one deflated part named 200 times)', () => overlappingBomb(200)],
    ['12,000 tiny entries', () => manyEntries(12_000)],
    ['a zip nested 5 deep', () => nestedZip(5, 8, 'xlsx')],
    ['a DOCX of 300 × 1 MB zero parts', () => zerosBomb(300, 1024 * 1024)],
  ];
  for (const [name, build] of bombs) {
    add('archive bomb', `result import (.xlsx): ${name}`, async (w) =>
      importFile(w, 'r.xlsx', await build()),
    );
  }
  for (const [name, build] of bombs.slice(3)) {
    add('archive bomb', `framework import (.xlsx): ${name}`, async (w) =>
      importFramework(w, 'framework.xlsx', await build()),
    );
  }
  const evidenceBombs: [string, string, () => Uint8Array | Promise<Uint8Array>][] = [
    ['a DOCX of 300 × 1 MB zero parts', 'report.docx', () => zerosBomb(300, 1024 * 1024)],
    ['a DOCX of 3 parts declaring a ratio over 100', 'report.docx', () => zerosBomb(3, 512 * 1024)],
    ['a DOCX whose central directory claims 4 GB', 'report.docx', () => lyingDirectoryBomb()],
    ['a DOCX of overlapping entries', 'report.docx', () => overlappingBomb(50)],
    ['an XLSX of 12,000 entries', 'figures.xlsx', () => manyEntries(12_000)],
    ['an XLSX holding a zip nested 5 deep', 'figures.xlsx', () => nestedZip(5, 8, 'xlsx')],
    ['a DOCX holding a zip nested 5 deep', 'report.docx', () => nestedZip(5, 8, 'docx')],
  ];
  for (const [name, fileName, build] of evidenceBombs) {
    add('archive bomb', `evidence: ${name}`, async (w) => uploadEvidence(w, fileName, await build()));
  }
  const climbing = [
    '../../../../tmp/pwned.txt',
    '/etc/cron.d/pwned',
    '..\\..\\windows\\win.ini',
    'word/../../x',
  ];
  for (const entry of climbing) {
    add('archive bomb', `evidence: a DOCX with the entry ${JSON.stringify(entry)}`, async (w) =>
      uploadEvidence(w, 'report.docx', await traversalPackage('docx', entry)),
    );
    add('archive bomb', `result import: an XLSX with the entry ${JSON.stringify(entry)}`, async (w) =>
      importFile(w, 'r.xlsx', await traversalPackage('xlsx', entry)),
    );
  }

  // --- Truncated files ----------------------------------------------------------------------
  const xlsx = await goodXlsx();
  const at = (f: number) => Math.floor(xlsx.length * f);
  for (const [label, offset] of [
    ['1 byte', 1],
    ['4 bytes (the signature only)', 4],
    ['30 bytes (half a header)', 30],
    ['100 bytes', 100],
    ['a quarter', at(0.25)],
    ['half', at(0.5)],
    ['three quarters', at(0.75)],
    ['all but the end record', xlsx.length - 22],
    ['all but the last byte', xlsx.length - 1],
  ] as const) {
    add('truncated', `result import: an XLSX cut after ${label}`, (w) =>
      importFile(w, 'r.xlsx', cut(xlsx, offset)),
    );
  }
  for (const [label, offset] of [
    ['a quarter', at(0.25)],
    ['half', at(0.5)],
    ['all but the end record', xlsx.length - 22],
  ] as const) {
    add('truncated', `framework import: an XLSX cut after ${label}`, (w) =>
      importFramework(w, 'framework.xlsx', cut(xlsx, offset)),
    );
    add('truncated', `evidence: an XLSX cut after ${label}`, (w) =>
      uploadEvidence(w, 'figures.xlsx', cut(xlsx, offset)),
    );
  }
  const docx = await docxWithJszip();
  for (const [label, offset] of [
    ['half', Math.floor(docx.length / 2)],
    ['all but the end record', docx.length - 22],
  ] as const) {
    add('truncated', `evidence: a DOCX cut after ${label}`, (w) =>
      uploadEvidence(w, 'report.docx', cut(docx, offset)),
    );
  }
  const pdf = minimalPdf('cut');
  for (const [label, offset] of [
    ['4 bytes', 4],
    ['the header line', 9],
    ['half', Math.floor(pdf.length / 2)],
    ['all but %%EOF', pdf.length - 6],
  ] as const) {
    add('truncated', `evidence: a PDF cut after ${label}`, (w) =>
      uploadEvidence(w, 'report.pdf', cut(pdf, offset)),
    );
  }
  for (const [label, offset] of [
    ['the signature', 8],
    ['16 bytes (inside IHDR)', 16],
    ['33 bytes (no image data)', 33],
    ['all but IEND', PNG_1x1.length - 12],
  ] as const) {
    add('truncated', `evidence: a PNG cut after ${label}`, (w) =>
      uploadEvidence(w, 'photo.png', cut(PNG_1x1, offset)),
    );
    add('truncated', `emblem: a PNG cut after ${label}`, (w) =>
      send(w, 'admin', 'PUT', `/api/documents/settings/${w.province.id}/emblem`, {
        contentBase64: Buffer.from(cut(PNG_1x1, offset)).toString('base64'),
      }),
    );
  }
  add('truncated', 'evidence: a JPEG cut after its first marker', (w) =>
    uploadEvidence(w, 'photo.jpg', cut(JPEG, 4)),
  );
  add('truncated', 'evidence: a JPEG without its end marker', (w) =>
    uploadEvidence(w, 'photo.jpg', cut(JPEG, JPEG.length - 2)),
  );
  add('truncated', 'result import: a CSV cut inside a quoted cell', (w) =>
    importFile(w, 'r.csv', csv.unterminatedQuote()),
  );
  add('truncated', 'result import: a CSV cut inside a Thai letter', (w) =>
    importFile(w, 'r.csv', csv.cutMidThai()),
  );
  add('truncated', 'result import: a CSV of the header only', (w) =>
    importFile(w, 'r.csv', utf8('code,score\n')),
  );
  add('truncated', 'result import: an empty CSV (one space)', (w) => importFile(w, 'r.csv', utf8(' ')));

  // --- Wrong types --------------------------------------------------------------------------
  const png = PNG_1x1;
  const zip = await plainZip();
  const wrongImports: [string, string, Uint8Array][] = [
    ['a PNG named .xlsx', 'r.xlsx', png],
    ['a PDF named .xlsx', 'r.xlsx', pdf],
    ['a DOCX named .xlsx', 'r.xlsx', docx],
    ['a plain zip named .xlsx', 'r.xlsx', zip],
    ['a Windows program named .xlsx', 'r.xlsx', EXE],
    ['a Windows program named .csv', 'r.csv', EXE],
    ['an ELF program named .csv', 'r.csv', ELF],
    ['a legacy Excel (OLE) file named .xls', 'r.xls', OLE],
    ['an HTML page named .csv', 'r.csv', HTML],
    ['a PDF named .pdf', 'r.pdf', pdf],
    ['a shell script named .sh', 'r.sh', SHELL],
  ];
  for (const [name, fileName, bytes] of wrongImports) {
    add('wrong type', `result import: ${name}`, (w) => importFile(w, fileName, bytes));
  }
  // The import decides the type by content, not by name (docs/import-formats.md).
  add(
    'wrong type',
    'result import preview: an XLSX named .csv is read as XLSX',
    (w) => importFile(w, 'r.csv', xlsx, false),
    {
      kind: 'preview',
    },
  );
  add(
    'wrong type',
    'result import preview: a CSV named .xlsx is read as CSV',
    (w) => importFile(w, 'r.xlsx', utf8('code,score\n1,80\n'), false),
    { kind: 'preview' },
  );
  add('wrong type', 'framework import: a PNG named .xlsx', (w) => importFramework(w, 'f.xlsx', png));
  add('wrong type', 'framework import: a CSV named .csv', (w) =>
    importFramework(w, 'f.csv', utf8('a,b\n1,2\n')),
  );
  const wrongEvidence: [string, string, Uint8Array][] = [
    ['a Windows program named .exe', 'setup.exe', EXE],
    ['a Windows program named .pdf', 'report.pdf', EXE],
    ['an ELF program named .pdf', 'report.pdf', ELF],
    ['an ELF program with no extension', 'report', ELF],
    ['a macOS program named .png', 'photo.png', MACHO],
    ['a Java class named .docx', 'report.docx', JAVA_CLASS],
    ['a shell script named .pdf', 'report.pdf', SHELL],
    ['an HTML page with script named .html', 'page.html', HTML],
    ['an HTML page with script named .pdf', 'report.pdf', HTML],
    ['an SVG with script named .svg', 'logo.svg', SVG],
    ['an SVG with script named .png', 'logo.png', SVG],
    ['a legacy Word (OLE) file named .doc', 'report.doc', OLE],
    ['a gzip named .pdf', 'report.pdf', GZIP],
    ['a RAR named .docx', 'report.docx', RAR],
    ['a 7z named .xlsx', 'figures.xlsx', SEVEN_Z],
    ['a plain zip named .docx', 'report.docx', zip],
    ['a PNG named .pdf', 'report.pdf', png],
    ['a PDF named .docx', 'report.docx', pdf],
    ['an empty file', 'report.pdf', new Uint8Array(0)],
    ['a DOCX with a macro project', 'report.docx', await docxWithJszip({ 'word/vbaProject.bin': OLE })],
  ];
  for (const [name, fileName, bytes] of wrongEvidence) {
    add('wrong type', `evidence: ${name}`, (w) => uploadEvidence(w, fileName, bytes));
  }
  for (const [name, bytes] of [
    ['an SVG with script', SVG],
    ['an HTML page', HTML],
    ['a Windows program', EXE],
    ['a PDF', pdf],
  ] as const) {
    add('wrong type', `emblem: ${name}`, (w) =>
      send(w, 'admin', 'PUT', `/api/documents/settings/${w.province.id}/emblem`, {
        contentBase64: Buffer.from(bytes).toString('base64'),
      }),
    );
  }
  add('wrong type', 'font upload: a Windows program', (w) =>
    send(w, 'admin', 'POST', '/api/documents/fonts', {
      fileName: 'THSarabunNew.ttf',
      contentBase64: Buffer.from(EXE).toString('base64'),
    }),
  );

  // --- Encodings ----------------------------------------------------------------------------
  const encodings: [string, () => Uint8Array][] = [
    ['UTF-16LE without a BOM', csv.utf16leNoBom],
    ['UTF-16BE without a BOM', csv.utf16beNoBom],
    ['UTF-32 with its BOM', csv.utf32le],
    ['Latin-1 (é, è)', csv.latin1],
    ['a surrogate encoded in UTF-8 (ED A0 80)', csv.surrogateInUtf8],
    ['a code point beyond U+10FFFF (F4 90 80 80)', csv.beyondUnicode],
    ['a UTF-8 BOM only', csv.bomOnly],
    ['a UTF-16 BOM only', csv.utf16BomOnly],
    ['a BOM and blank lines', csv.bomThenBlank],
    ['4 MB of \\n', () => csv.lineBreaks('\n')],
    ['4 MB of \\r\\n', () => csv.lineBreaks('\r\n')],
    ['a row of 100,000 columns', () => csv.wideRow(100_000)],
    ['a cell of 1,000,000 Thai letters', () => csv.longCell(1_000_000)],
    ['a NUL byte', csv.nul],
    ['UTF-16 with a BOM and a bad score', csv.utf16WithBom],
  ];
  for (const [name, bytes] of encodings) {
    add('encoding', `result import CSV: ${name}`, (w) => importFile(w, 'r.csv', bytes()));
  }
  // Not UTF-8, but every byte is a Windows-874 (TIS-620) character with a Thai letter where the
  // encoding puts one: the import reads them as Thai (docs/import-formats.md), the preview writes nothing.
  for (const [name, bytes] of [
    ['broken UTF-8 (C3 28, Windows-874 "ร(")', csv.brokenUtf8],
    ['an overlong "/" (C0 AF, Windows-874 "ภฏ")', csv.overlongSlash],
    ['an overlong NUL (C0 80, Windows-874 "ภ€")', csv.overlongNul],
    ['a three-byte overlong (E0 80 AF, Windows-874 "เ€ฏ")', csv.overlong3],
  ] as const) {
    add('encoding', `result import CSV preview: ${name}`, (w) => importFile(w, 'r.csv', bytes(), false), {
      kind: 'preview',
    });
  }
  // Careless but readable: the preview reads them and writes nothing.
  add(
    'encoding',
    'result import CSV preview: TIS-620 (Windows-874) Thai',
    (w) => importFile(w, 'r.csv', csv.tis620(), false),
    {
      kind: 'preview',
    },
  );
  add(
    'encoding',
    'result import CSV preview: mixed line endings (\\r\\n, \\n, \\r)',
    (w) => importFile(w, 'r.csv', csv.mixedLineEnds(), false),
    { kind: 'preview' },
  );

  // --- Numbers out of range in an imported file ----------------------------------------------
  for (const value of [
    'NaN',
    '1e309',
    '-1e309',
    'Infinity',
    '-5',
    '150',
    '100.0001',
    '0x50',
    '๘x๐',
    '๑๐๐๐',
    '80%%',
    '--80',
    '8,0,0',
  ]) {
    add('number out of range', `result import CSV: the score ${JSON.stringify(value)}`, (w) =>
      importFile(w, 'r.csv', csvScore(value.includes(',') ? `"${value}"` : value)),
    );
  }
  add('number out of range', 'result import CSV: a score of 400 digits', (w) =>
    importFile(w, 'r.csv', csvScore('9'.repeat(400))),
  );
  add('number out of range', 'result import CSV: a score with a NUL-like escape', (w) =>
    importFile(w, 'r.csv', concat(utf8('code,score\n1,8'), [0xc0, 0x80], utf8('0\n'))),
  );
  return cases;
}
