import type { DocxRead } from './read-back';

/** Checks shared by the tests that read a produced .docx back. */

export function indexOfParagraph(doc: DocxRead, text: string, from = 0): number {
  return doc.paragraphs.findIndex((p, i) => i >= from && p === text);
}

export function expectInOrder(doc: DocxRead, texts: string[]): void {
  let at = -1;
  for (const t of texts) {
    const next = indexOfParagraph(doc, t, at + 1);
    expect({ heading: t, found: next > at }).toEqual({ heading: t, found: true });
    at = next;
  }
}

export function expectOfficialFormat(doc: DocxRead): void {
  const { xml } = doc;
  // A4 portrait, margins 20/20/30/15 mm, header 10 mm
  expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
  const mar = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
  expect(mar).toContain('w:top="1134"');
  expect(mar).toContain('w:bottom="1134"');
  expect(mar).toContain('w:left="1701"');
  expect(mar).toContain('w:right="850"');
  // page numbers from page 2: a different (empty) first-page header, a PAGE field in the default header
  expect(xml).toContain('<w:titlePg/>');
  expect(xml).toMatch(/<w:headerReference[^>]*w:type="first"/);
  expect(xml).toMatch(/<w:headerReference[^>]*w:type="default"/);
  const headers = Object.entries(doc.files).filter(([n]) => /^word\/header\d+\.xml$/.test(n));
  expect(headers.some(([, x]) => /PAGE/.test(x) && /w:jc w:val="center"/.test(x))).toBe(true);
  // Times New Roman declared on runs and as the document default
  expect(xml).toContain(
    '<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"/>',
  );
  expect(xml).not.toMatch(/w:ascii="(?!Times New Roman)/);
  expect(doc.files['word/styles.xml']).toContain('w:ascii="Times New Roman"');
  // 14 pt body, 15 pt "ĐẢNG CỘNG SẢN VIỆT NAM", 16 pt "BÁO CÁO"
  expect(xml).toMatch(/<w:b\/>[\s\S]{0,200}<w:sz w:val="30"\/>[\s\S]{0,80}<w:t[^>]*>ĐẢNG CỘNG SẢN VIỆT NAM</);
  expect(xml).toMatch(/<w:sz w:val="32"\/>[\s\S]{0,80}<w:t[^>]*>BÁO CÁO</);
  expect(xml).toContain('<w:sz w:val="28"/>');
  // body justified with a first-line indent of 1.27 cm
  expect(xml).toContain('<w:jc w:val="both"/>');
  expect(xml).toContain('w:firstLine="720"');
}
