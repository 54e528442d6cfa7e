import { z } from 'zod';

/**
 * Who issues and signs the exported documents, to whom they go and what they are made under.
 * Defaults come from letter 109-CV/ĐU (Đảng ủy phường Hồng An, 28/8/2025): its grounds, its
 * "Nơi nhận" and section 3 (the ward reports to Ban Tuyên giáo và Dân vận Thành ủy and to the
 * Thường trực Đảng ủy), and its signer. Lists are written one item after another, separated by "|".
 */

/** The letter's "Nơi nhận", as the ward's consolidated report sends it. */
export const DEFAULT_RECIPIENTS = [
  'Ban Tuyên giáo và Dân vận Thành ủy (để báo cáo),',
  'Thường trực Đảng ủy, HĐND, UBND phường,',
  'Các cơ quan tham mưu, giúp việc Đảng ủy,',
  'UB MTTQ VN và các tổ chức chính trị - xã hội phường,',
  'Các tổ chức đảng trực thuộc Đảng ủy,',
  'Lưu BXDĐ, VPĐU.',
];

/** The documents the letter cites, which the consolidated report is made under. */
export const DEFAULT_GROUNDS = [
  'Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15',
  'Chỉ thị số 15-CT/TU, ngày 21/11/2022 của Ban Thường vụ Thành ủy về đẩy mạnh thực hiện dân chủ theo phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”',
  'Kết luận số 553-KL/TU, ngày 02/4/2025 của Ban Thường vụ Thành ủy',
  'Công văn số 171-CV/BTGDVTU, ngày 08/8/2025 của Ban Tuyên giáo và Dân vận Thành ủy về việc thực hiện dân chủ ở cơ sở',
  'Công văn số 109-CV/ĐU, ngày 28/8/2025 của Ban Thường vụ Đảng ủy phường về tổ chức thực hiện dân chủ ở cơ sở',
];

export const DEFAULT_REPORTER = 'Ban Thường vụ Đảng ủy phường';

const list = z.string().transform((value) =>
  value
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part.length > 0),
);

export const organisationEnv = {
  ORG_PLACE: z.string().min(1).default('Hồng An'),
  /** The Party organisation above the ward: the letter reports to the city (Thành ủy). */
  ORG_SUPERIOR_BODY: z.string().min(1).default('ĐẢNG BỘ THÀNH PHỐ'),
  ORG_ISSUING_BODY: z.string().min(1).default('ĐẢNG ỦY PHƯỜNG HỒNG AN'),
  ORG_UNIT_SUPERIOR_BODY: z.string().min(1).default('ĐẢNG BỘ PHƯỜNG HỒNG AN'),
  ORG_SIGNER_ON_BEHALF: z.string().default('T/M BAN THƯỜNG VỤ'),
  ORG_SIGNER_TITLE: z.string().default('PHÓ BÍ THƯ'),
  ORG_SIGNER_NAME: z.string().default('Lưu Văn Mịch'),
  ORG_REPORTER: z.string().min(1).default(DEFAULT_REPORTER),
  ORG_RECIPIENTS: list.default(DEFAULT_RECIPIENTS),
  ORG_GROUNDS: list.default(DEFAULT_GROUNDS),
};

export interface OrganisationConfig {
  place: string;
  superiorBody: string;
  issuingBody: string;
  /** First header line of a Party unit's own report: the Party organisation the units belong to. */
  unitSuperiorBody: string;
  signerOnBehalf: string;
  signerTitle: string;
  signerName: string;
  /** Who reports in the consolidated report's opening sentence. */
  reporter?: string;
  /** "Nơi nhận" of the consolidated report. */
  recipients?: string[];
  /** Căn cứ: the documents the consolidated report is made under. */
  grounds?: string[];
}

type OrganisationEnv = { [K in keyof typeof organisationEnv]: z.output<(typeof organisationEnv)[K]> };

export function organisationConfig(env: OrganisationEnv): OrganisationConfig {
  return {
    place: env.ORG_PLACE,
    superiorBody: env.ORG_SUPERIOR_BODY,
    issuingBody: env.ORG_ISSUING_BODY,
    unitSuperiorBody: env.ORG_UNIT_SUPERIOR_BODY,
    signerOnBehalf: env.ORG_SIGNER_ON_BEHALF,
    signerTitle: env.ORG_SIGNER_TITLE,
    signerName: env.ORG_SIGNER_NAME,
    reporter: env.ORG_REPORTER,
    recipients: env.ORG_RECIPIENTS,
    grounds: env.ORG_GROUNDS,
  };
}
