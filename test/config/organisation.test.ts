import { createConfig } from '../../src/config/config';

describe('organisation settings of the exported documents', () => {
  it('default to letter 109-CV/ĐU: its recipients, its grounds, its signer, the city above the ward', () => {
    const result = createConfig({});
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const org = result.config.organisation;
    expect(org.superiorBody).toBe('ĐẢNG BỘ THÀNH PHỐ');
    expect(org.signerName).toBe('Lưu Văn Mịch');
    expect(org.reporter).toBe('Ban Thường vụ Đảng ủy phường');
    expect(org.recipients?.[0]).toBe('Ban Tuyên giáo và Dân vận Thành ủy (để báo cáo),');
    expect(org.recipients).not.toContain('Ban Thường vụ Đảng ủy (để báo cáo),');
    expect(org.recipients?.at(-1)).toBe('Lưu BXDĐ, VPĐU.');
    expect(org.grounds?.at(-1)).toMatch(/^Công văn số 109-CV\/ĐU, ngày 28\/8\/2025/);
  });

  it('reads lists separated by "|"', () => {
    const result = createConfig({
      ORG_RECIPIENTS: 'Ban Tuyên giáo và Dân vận Thành ủy, | Lưu VPĐU. |',
      ORG_GROUNDS: 'Công văn số 109-CV/ĐU',
      ORG_REPORTER: 'Ban Thường vụ Đảng ủy phường Hồng An',
    });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.organisation.recipients).toEqual([
      'Ban Tuyên giáo và Dân vận Thành ủy,',
      'Lưu VPĐU.',
    ]);
    expect(result.config.organisation.grounds).toEqual(['Công văn số 109-CV/ĐU']);
    expect(result.config.organisation.reporter).toBe('Ban Thường vụ Đảng ủy phường Hồng An');
  });
});
