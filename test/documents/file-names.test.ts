import { consolidatedFileName, roundXlsxFileName, slugify, unitReportFileName } from '../../src/documents';

describe('export file names', () => {
  const round = { title: 'Báo cáo năm 2026' };

  it('are ASCII slugs of the Vietnamese titles', () => {
    expect(consolidatedFileName(round)).toBe('bao-cao-nam-2026-tong-hop.docx');
    expect(roundXlsxFileName(round)).toBe('bao-cao-nam-2026-so-lieu.xlsx');
    expect(unitReportFileName(round, { unitCode: 'KP1', unitName: 'Chi bộ Khu phố 1' })).toBe(
      'bao-cao-nam-2026-kp1-chi-bo-khu-pho-1.docx',
    );
    expect(slugify('Đảng ủy phường Hồng An / Ủy ban MTTQ: “đột xuất”')).toBe(
      'dang-uy-phuong-hong-an-uy-ban-mttq-dot-xuat',
    );
  });

  it('stay short and never empty', () => {
    expect(slugify('…')).toBe('bao-cao');
    const long = slugify('Báo cáo '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('-')).toBe(false);
    expect(unitReportFileName(round, { unitCode: '', unitName: '' })).toBe('bao-cao-nam-2026-don-vi.docx');
    for (const name of [
      consolidatedFileName({ title: 'Ảnh hưởng / ? * : "' }),
      unitReportFileName(round, { unitCode: 'a/b', unitName: '..' }),
    ]) {
      expect(name).toMatch(/^[a-z0-9-]+\.(docx|xlsx)$/);
    }
  });
});
