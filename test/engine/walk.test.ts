import {
  applicableQuestions,
  type Flow,
  flowNumbering,
  missingRequired,
  progress,
  type Question,
  UNIT_KINDS,
  type UnitKind,
} from '../../src/engine';
import { file, loadShippedFlow, Session } from './helpers';

const flow: Flow = loadShippedFlow('bao-cao-dan-chu-co-so.yaml');

/** Question id prefixes that belong to one unit kind only. */
const OWN_PREFIX: Record<UnitKind, string> = {
  'chinh-quyen': 'cq_',
  'co-quan-tham-muu': 'tm_',
  'co-quan': 'co_',
  'doanh-nghiep': 'dn_',
  'to-chuc-dang': 'dg_',
  'mat-tran': 'mt_',
};

/** Answers the current question by typing, as a Zalo user without buttons would. */
function answerTyped(s: Session, q: Question, choices: Record<string, string>): void {
  switch (q.type) {
    case 'text':
      s.type(`Nội dung trả lời cho câu ${q.id}: đã triển khai đầy đủ, đúng quy định.`);
      expect(s.current).toBe(q.id); // still collecting: long text needs "Xong"
      s.type('Xong');
      return;
    case 'number':
      s.type('1.200');
      return;
    case 'choice': {
      const want = choices[q.id];
      const i = want ? (q.options ?? []).findIndex((o) => o.id === want) + 1 : 1;
      s.type(String(i));
      return;
    }
    case 'multi':
      s.type('1, 2');
      return;
    case 'yesno':
      s.type(choices[q.id] === 'no' ? 'không' : 'có');
      return;
    case 'date':
      s.type('15/06/2025');
      return;
    case 'attachment':
      s.send({ type: 'attachment', file: file('phu-luc.pdf') });
      s.type('xong');
      return;
  }
}

function walk(kind: UnitKind, choices: Record<string, string> = {}) {
  const s = new Session(flow, { unitKind: kind });
  const seen: string[] = [];
  s.send({ type: 'start' });
  for (let guard = 0; s.state.mode === 'answering' && guard < 200; guard++) {
    const q = flow.sections.flatMap((x) => x.questions).find((x) => x.id === s.current)!;
    expect(q).toBeDefined();
    expect(s.text).toContain(q.prompt);
    seen.push(q.id);
    answerTyped(s, q, choices);
    for (const e of s.last.effects) expect(e.type).toBe('saveAnswer');
  }
  return { s, seen };
}

// Every sub-path of section III: the unit's own choice in section I decides which duties it reports on.
const PATHS: [UnitKind, Record<string, string>][] = [
  ['chinh-quyen', { cq_don_vi: 'hdnd' }],
  ['chinh-quyen', { cq_don_vi: 'ubnd' }],
  ['co-quan-tham-muu', { tm_don_vi: 'ban-xdd' }],
  ['co-quan-tham-muu', { tm_don_vi: 'ubkt' }],
  ['co-quan-tham-muu', { tm_don_vi: 'vpdu' }],
  ['co-quan', { co_co_ban_ttnd: 'yes' }],
  ['co-quan', { co_co_ban_ttnd: 'no', ii1_co_quy_che: 'no' }],
  ['doanh-nghiep', { dn_loai_hinh: 'nha-nuoc' }],
  ['doanh-nghiep', { dn_loai_hinh: 'ngoai-nha-nuoc' }],
  ['to-chuc-dang', { dg_loai_hinh: 'khu-pho' }],
  ['to-chuc-dang', { dg_loai_hinh: 'co-quan' }],
  ['mat-tran', { mt_to_chuc: 'mttq' }],
  ['mat-tran', { mt_to_chuc: 'cong-doan' }],
  ['mat-tran', { mt_to_chuc: 'phu-nu' }],
];

describe('each unit kind walks its own complete path through the main flow', () => {
  test.each(PATHS)('%s %j', (kind, choices) => {
    const { s, seen } = walk(kind, choices);
    expect(s.state.mode).toBe('done');
    expect(missingRequired(flow, s.ctx)).toEqual([]);
    // It was asked exactly the questions that apply to it, in flow order, each once.
    expect(seen).toEqual(applicableQuestions(flow, s.ctx).map((q) => q.id));
    const p = progress(flow, s.ctx);
    // Counted over the numbered questions: follow-ups ("7a") count within their parent.
    const followUps = flowNumbering(flow, s.ctx).list.filter((n) => !/^\d+$/.test(n.label)).length;
    expect(p).toEqual({ answered: seen.length - followUps, total: seen.length - followUps });
    expect(seen.length).toBeGreaterThanOrEqual(18);
    // UBND carries the most duties (letter §2, incl. the mediation teams): 34 questions at most
    expect(seen.length).toBeLessThanOrEqual(34);
    // Never another kind's questions.
    for (const other of UNIT_KINDS.filter((k) => k !== kind)) {
      expect(seen.filter((id) => id.startsWith(OWN_PREFIX[other]))).toEqual([]);
    }
    expect(seen.some((id) => id.startsWith(OWN_PREFIX[kind]))).toBe(true);
    // Sections I–VI are all visited, in order.
    const sections = [
      ...new Set(seen.map((id) => flow.sections.find((x) => x.questions.some((q) => q.id === id))!.number)),
    ];
    expect(sections).toEqual(['I', 'II.1', 'II.2', 'III', 'IV.1', 'IV.2', 'IV.3', 'V', 'VI']);
    expect(s.text).toMatch(/đã có đủ các nội dung bắt buộc/);
  });

  test('section III is headed as in the letter, with its parenthesis', () => {
    for (const section of flow.sections.filter((x) => x.number === 'III')) {
      expect(section.heading).toBe(
        'KẾT QUẢ THỰC HIỆN DÂN CHỦ Ở CÁC LOẠI HÌNH CƠ SỞ (tùy theo tình hình, đặc điểm cụ thể, các địa phương, ' +
          'cơ quan, đơn vị lựa chọn nội dung báo cáo cho phù hợp)',
      );
    }
  });

  test('the choice made in section I selects the duties asked in section III', () => {
    const hdnd = walk('chinh-quyen', { cq_don_vi: 'hdnd' }).seen;
    const ubnd = walk('chinh-quyen', { cq_don_vi: 'ubnd' }).seen;
    expect(hdnd).toContain('cq_tiep_xuc_cu_tri');
    expect(hdnd).not.toContain('cq_hoa_giai_thanh');
    expect(ubnd).toContain('cq_hoa_giai_thanh');
    expect(ubnd).toContain('cq_doi_thoai');
    expect(ubnd).not.toContain('cq_tiep_xuc_cu_tri');
    // letter §2: the People's Committee strengthens the mediation teams (kiện toàn các tổ hòa giải)
    expect(ubnd).toEqual(expect.arrayContaining(['cq_to_hoa_giai', 'cq_hoa_giai_chat_luong']));
    expect(hdnd).not.toContain('cq_to_hoa_giai');
    // publicity at ward level (Law Art. 11–12) is the People's Committee's duty, not asked of the Council
    expect(ubnd).toEqual(expect.arrayContaining(['cq_cong_khai', 'cq_hinh_thuc_cong_khai']));
    expect(hdnd).not.toContain('cq_cong_khai');
    expect(hdnd).not.toContain('cq_hinh_thuc_cong_khai');
    expect(walk('co-quan', { ii1_co_quy_che: 'no' }).seen).toContain('ii1_quy_che_ke_hoach');
    expect(walk('co-quan', { ii1_co_quy_che: 'yes' }).seen).not.toContain('ii1_quy_che_ke_hoach');
    expect(walk('doanh-nghiep', { dn_loai_hinh: 'nha-nuoc' }).seen).toContain('dn_ban_ttnd_giam_sat');
    expect(walk('doanh-nghiep', { dn_loai_hinh: 'ngoai-nha-nuoc' }).seen).not.toContain(
      'dn_ban_ttnd_giam_sat',
    );
  });

  test('progress text counts only applicable questions and shows the section', () => {
    const s = new Session(flow, { unitKind: 'to-chuc-dang' });
    s.send({ type: 'start' });
    const total = applicableQuestions(flow, s.ctx).length;
    expect(s.text).toContain(`Câu 1/${total} — Mục I`);
    expect(s.text).toContain('Mục I. KHÁI QUÁT ĐẶC ĐIỂM');
    s.type('1'); // chi bộ khu phố: adds khu phố questions to the count
    const after = applicableQuestions(flow, s.ctx).length;
    expect(s.text).toContain(`Câu 2/${after} — Mục I`);
    expect(s.text).not.toContain('Mục I. KHÁI QUÁT'); // same section: heading not repeated
  });

  test('"lượt người" is asked only when meetings were held', () => {
    const s = new Session(flow, { unitKind: 'co-quan' });
    s.press('j:II.1');
    s.type('Nội dung');
    s.type('xong');
    s.type('2');
    s.type('0'); // no meeting held
    expect(s.current).toBe('ii1_co_quy_che');
    s.type('quay lại');
    s.type('3');
    expect(s.current).toBe('ii1_luot_quan_triet');
  });

  test('the section heading is shown when entering a section', () => {
    const s = new Session(flow, { unitKind: 'mat-tran' });
    s.send({ type: 'start' });
    s.type('1');
    s.type('Phường có 12 khu phố…');
    s.type('xong'); // mt_so_hoi_vien (optional)
    s.type('bỏ qua');
    expect(s.current).toBe('ii1_lanh_dao');
    expect(s.text).toContain(
      'Mục II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO TRIỂN KHAI\nMục II.1. Công tác lãnh đạo, chỉ đạo của các cấp ủy đảng',
    );
  });
});
