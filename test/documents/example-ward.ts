import path from 'node:path';
import type { ExportOutline, ExportRound, ExportUnitReport } from '../../src/documents';
import { loadFlows } from '../../src/engine';
import { exportAnswers, outlineFromFlow } from '../../src/features/exports/export-service';

/**
 * The example ward (flows/units/don-vi-mau.yaml) with three units' answers to the real outline:
 * Ủy ban nhân dân phường, Chi bộ Khu phố 1 and Ủy ban MTTQ Việt Nam phường. Used by the tests and
 * by `tools/render-samples.ts` (the README's sample pages).
 */

export const FLOWS_DIR = path.join(__dirname, '../../flows');

export const exampleRound: ExportRound = {
  id: 'annual-2026',
  title: 'Báo cáo năm 2026',
  dueLabel: 'trước ngày 10/12/2026',
  dataFrom: new Date('2025-11-30T17:00:00Z'),
  dataTo: new Date('2026-11-30T16:59:59.999Z'),
};

const UBND: Record<string, unknown> = {
  cq_don_vi: 'ubnd',
  i_dac_diem:
    'Phường có 12 khu phố, 9.850 hộ với 36.420 nhân khẩu; tình hình an ninh chính trị, trật tự an toàn xã hội ổn định.\nViệc sắp xếp đơn vị hành chính từ ngày 01/7/2025 làm tăng khối lượng công việc của bộ phận một cửa.',
  ii1_lanh_dao:
    'Đảng ủy phường ban hành Kế hoạch số 12-KH/ĐU triển khai Công văn số 109-CV/ĐU; Ủy ban nhân dân phường xây dựng kế hoạch thực hiện và giao chỉ tiêu cho từng khu phố.',
  ii1_so_van_ban: 4,
  ii1_hoi_nghi_quan_triet: 3,
  ii1_luot_quan_triet: 420,
  ii1_co_quy_che: true,
  ii2_ubnd:
    'Ủy ban nhân dân phường chỉ đạo 12 khu phố tổ chức hội nghị cộng đồng dân cư đúng quy định; hướng dẫn các trường học, trạm y tế rà soát quy chế dân chủ.',
  ii2_so_van_ban: 6,
  cq_cong_khai: 35,
  cq_hinh_thuc_cong_khai: ['niem-yet', 'loa', 'cong-ttdt'],
  cq_hoi_nghi_cong_dong: 24,
  cq_doi_thoai: 2,
  cq_y_kien_tiep_nhan: 86,
  cq_y_kien_giai_quyet: 79,
  cq_tuyen_truyen: 15,
  cq_luot_tuyen_truyen: 1850,
  cq_to_hoa_giai: 12,
  cq_hoa_giai_tiep_nhan: 31,
  cq_hoa_giai_thanh: 27,
  cq_ban_ttnd: 4,
  cq_gsdtcd: 3,
  cq_khieu_nai_tiep_nhan: 18,
  cq_khieu_nai_giai_quyet: 16,
  cq_kiem_tra: 2,
  cq_vi_pham: 0,
  iv1_ket_qua:
    'Quyền làm chủ của Nhân dân được phát huy; các công trình dân sinh đều được công khai và lấy ý kiến Nhân dân.',
  iv2_han_che: 'Một số khu phố tổ chức hội nghị cộng đồng dân cư còn hình thức, tỷ lệ hộ tham dự thấp.',
  iv3_nguyen_nhan: 'Một bộ phận Nhân dân bận làm ăn; cán bộ khu phố kiêm nhiệm nhiều việc.',
  v_nhiem_vu: 'Tiếp tục nâng cao chất lượng hội nghị cộng đồng dân cư và đối thoại với Nhân dân.',
  vi_kien_nghi: 'Đề nghị Thành phố hỗ trợ kinh phí cho các tổ hòa giải.',
  vi_tai_lieu: [{ fileId: 'f1', name: 'Bien-ban-hoi-nghi-UBND.pdf', size: 182_000 }],
};

const KP1: Record<string, unknown> = {
  dg_loai_hinh: 'khu-pho',
  i_dac_diem: 'Chi bộ có 46 đảng viên, sinh hoạt tại Khu phố 1 với 820 hộ dân.',
  dg_so_dang_vien: 46,
  ii1_lanh_dao: 'Chi bộ ra nghị quyết chuyên đề về thực hiện dân chủ ở khu phố năm 2026.',
  ii1_so_van_ban: 2,
  ii1_hoi_nghi_quan_triet: 2,
  ii1_luot_quan_triet: 92,
  ii1_co_quy_che: false,
  ii1_quy_che_ke_hoach: 'Chi bộ đang rà soát, dự kiến ban hành quy chế trong quý I/2027.',
  dg_sinh_hoat: 12,
  dg_chuyen_de: 2,
  dg_gop_y_dang_vien: 140,
  dg_gop_y_nhan_dan: 9,
  dg_kiem_tra_giam_sat: 1,
  dg_vi_pham: 0,
  dg_hop_khu_pho: 4,
  dg_lanh_dao_khu_pho:
    'Chi bộ lãnh đạo Ban điều hành khu phố công khai các khoản đóng góp, tổ chức để Nhân dân bàn và quyết định việc chỉnh trang hẻm 12.',
  iv1_ket_qua: 'Nhân dân đồng thuận cao với chủ trương chỉnh trang đô thị.',
  iv2_han_che: 'Không có.',
  v_nhiem_vu: 'Duy trì sinh hoạt chuyên đề về dân chủ mỗi quý.',
};

const MTTQ: Record<string, unknown> = {
  mt_to_chuc: 'mttq',
  i_dac_diem: 'Ủy ban MTTQ Việt Nam phường có 28 tổ chức thành viên và 12 Ban công tác Mặt trận khu phố.',
  mt_so_hoi_vien: 28,
  ii1_lanh_dao: 'Ban Thường trực Ủy ban MTTQ phường xây dựng chương trình giám sát năm 2026.',
  ii1_so_van_ban: 3,
  ii1_hoi_nghi_quan_triet: 1,
  ii1_luot_quan_triet: 65,
  ii1_co_quy_che: true,
  mt_tuyen_truyen: 18,
  mt_luot_tuyen_truyen: 2300,
  mt_giam_sat: 5,
  mt_kien_nghi_giam_sat: 7,
  mt_phan_bien: 2,
  mt_gop_y_xd_dang: 45,
  mt_y_kien_nhan_dan: 63,
  mt_y_kien_tra_loi: 58,
  mt_ban_ttnd: 4,
  mt_gsdtcd: 3,
  mt_ket_qua_khac: 'Mặt trận phối hợp tổ chức 2 hội nghị phản biện dự án chỉnh trang đô thị.',
  iv1_ket_qua: 'Hoạt động giám sát, phản biện xã hội đi vào nền nếp.',
  vi_kien_nghi: 'Đề nghị Ủy ban nhân dân phường trả lời kiến nghị cử tri đúng hạn.',
};

export const EXAMPLE_UNITS = [
  { code: 'ubnd', name: 'Ủy ban nhân dân phường', kind: 'chinh-quyen', group: 'Chính quyền', answers: UBND },
  {
    code: 'chi-bo-kp1',
    name: 'Chi bộ Khu phố 1',
    kind: 'to-chuc-dang',
    group: 'Tổ chức đảng trực thuộc',
    answers: KP1,
  },
  {
    code: 'mttq',
    name: 'Ủy ban Mặt trận Tổ quốc Việt Nam phường',
    kind: 'mat-tran',
    group: 'Mặt trận và các tổ chức chính trị - xã hội',
    answers: MTTQ,
  },
] as const;

/** The outline and the three submitted reports, as the export service would build them. */
export async function exampleWard(): Promise<{ outline: ExportOutline; reports: ExportUnitReport[] }> {
  const flows = await loadFlows(FLOWS_DIR);
  const flow = flows.require('bao-cao-dan-chu-co-so');
  const reports = EXAMPLE_UNITS.map((u, i): ExportUnitReport => {
    const answers = exportAnswers(
      flow,
      Object.entries(u.answers).map(([questionId, value]) => ({ questionId, value })),
    );
    return {
      unitCode: u.code,
      unitName: u.name,
      unitKind: u.kind,
      unitKindLabel: u.group,
      group: u.group,
      status: 'submitted',
      submittedAt: new Date(Date.UTC(2026, 11, 1 + i, 2)),
      version: 1,
      receiptNo: `BC-2026-00${i + 1}`,
      answeredCount: answers.length,
      totalCount: answers.length,
      answers,
    };
  });
  return { outline: outlineFromFlow(flow), reports };
}
