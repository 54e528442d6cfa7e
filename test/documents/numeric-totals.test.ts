import { numericTotals } from '../../src/documents';
import type { ExportOutline } from '../../src/documents/types';
import { outline, sampleReports, unit } from './fixtures';

describe('numericTotals', () => {
  it('sums every numeric question over submitted and accepted reports, in outline order', () => {
    const totals = numericTotals(outline, sampleReports());
    expect(totals.map((t) => [t.section.number, t.question.id, t.rows, t.total])).toEqual([
      ['II.2', 'ii2_docs', [{ unitName: 'Chi bộ Khu phố 1', value: 2 }], 2],
      [
        'III',
        'iii_meetings',
        [
          { unitName: 'Chi bộ Khu phố 1', value: 3 },
          { unitName: 'Chi bộ Khu phố 2', value: 5 },
        ],
        8,
      ],
      [
        'III',
        'iii_dialogues',
        [
          { unitName: 'Chi bộ Khu phố 1', value: 1 },
          { unitName: 'Chi bộ Khu phố 2', value: 2 },
        ],
        3,
      ],
    ]);
  });

  it('ignores drafts, returned, not started and exempt reports', () => {
    const reports = ['in_progress', 'returned', 'not_started', 'exempt'].map((s, i) =>
      unit(`U${i}`, `Đơn vị ${i}`, s as 'in_progress', [
        { questionId: 'iii_meetings', display: '9', raw: 9 },
      ]),
    );
    const meetings = numericTotals(outline, reports).find((t) => t.question.id === 'iii_meetings')!;
    expect(meetings.rows).toEqual([]);
    expect(meetings.total).toBe(0);
  });

  it('handles missing, empty and non-numeric answers, numeric strings and decimals', () => {
    const o: ExportOutline = {
      flowId: 'f',
      title: 't',
      sections: [
        {
          number: 'I',
          heading: 'h',
          questions: [
            { id: 'n', prompt: 'n', type: 'number' },
            { id: 't', prompt: 't', type: 'text' },
          ],
        },
      ],
    };
    const reports = [
      unit('A', 'A', 'submitted', [{ questionId: 'n', display: '0,1', raw: '0,1' }]),
      unit('B', 'B', 'accepted', [{ questionId: 'n', display: '0.2', raw: 0.2 }]),
      unit('C', 'C', 'submitted', []),
      unit('D', 'D', 'submitted', [{ questionId: 'n', display: '', raw: null }]),
      unit('E', 'E', 'submitted', [{ questionId: 'n', display: 'mười', raw: 'mười' }]),
      unit('F', 'F', 'submitted', [{ questionId: 'n', display: '', raw: Number.NaN }]),
    ];
    const totals = numericTotals(o, reports);
    expect(totals).toHaveLength(1);
    expect(totals[0]!.rows).toEqual([
      { unitName: 'A', value: 0.1 },
      { unitName: 'B', value: 0.2 },
    ]);
    expect(totals[0]!.total).toBe(0.3);
  });

  it('gives an entry with no rows for a numeric question nobody answered', () => {
    expect(numericTotals(outline, [])).toHaveLength(3);
    expect(numericTotals(outline, []).every((t) => t.rows.length === 0 && t.total === 0)).toBe(true);
  });
});
