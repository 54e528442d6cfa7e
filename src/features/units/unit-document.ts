import type { OrganisationConfig } from '../../config/organisation';
import type { DocumentForm, ExportHeader } from '../../documents';
import type { UnitDocumentSettings } from './units-file';

/**
 * The header and signature of a unit's own report, in the form its kind of body uses:
 * - Party bodies (chi bộ, đảng bộ bộ phận, the Party Committee's advisory bodies): HD 36-HD/VPTW,
 *   "ĐẢNG BỘ PHƯỜNG …" over the unit's name, "*", "Số …-BC/CB", "T/M CHI BỘ";
 * - the People's Council and People's Committee, state agencies and public units: Decree 30/2020,
 *   the national motto, "Số: …/BC-UBND", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH";
 * - the Fatherland Front and mass organisations: their own name over the national motto (the Youth
 *   Union under "ĐOÀN TNCS HỒ CHÍ MINH" with "***"), their own number symbol and signer.
 * Whatever the units file says under "document" wins over these defaults.
 */

export interface UnitForDocument {
  code: string;
  name: string;
  kind: string;
  presetAnswers?: Record<string, unknown>;
}

type Defaults = Omit<ExportHeader, 'place' | 'date' | 'subject'>;

const TO_BTV = 'Ban Thường vụ Đảng ủy phường (qua Ban Xây dựng Đảng),';
const upper = (s: string): string => s.toLocaleUpperCase('vi');

function isPartyName(name: string): boolean {
  return /^(chi bộ|đảng bộ|đảng ủy|ban xây dựng đảng|ủy ban kiểm tra đảng|văn phòng đảng ủy)/iu.test(
    name.trim(),
  );
}

function party(unit: UnitForDocument, org: OrganisationConfig): Defaults {
  const preset = unit.presetAnswers?.tm_don_vi;
  const advisory: Record<string, [string, string | undefined, string]> = {
    'ban-xdd': ['BXDĐ', undefined, 'TRƯỞNG BAN'],
    ubkt: ['UBKTĐU', 'T/M ỦY BAN KIỂM TRA', 'CHỦ NHIỆM'],
    vpdu: ['VPĐU', undefined, 'CHÁNH VĂN PHÒNG'],
  };
  const [symbol, onBehalf, title] =
    typeof preset === 'string' && advisory[preset]
      ? advisory[preset]
      : /^đảng bộ/iu.test(unit.name)
        ? ['ĐB', 'T/M ĐẢNG ỦY', 'BÍ THƯ']
        : ['CB', 'T/M CHI BỘ', 'BÍ THƯ'];
  return {
    form: 'dang',
    superiorBody: org.unitSuperiorBody,
    issuingBody: upper(unit.name),
    documentNumber: `Số       -BC/${symbol}`,
    signerOnBehalf: onBehalf,
    signerTitle: title,
    recipients: [preset === 'ban-xdd' ? 'Ban Thường vụ Đảng ủy phường,' : TO_BTV, 'Lưu.'],
  };
}

function ward(org: OrganisationConfig): string {
  return `PHƯỜNG ${upper(org.place)}`;
}

function state(unit: UnitForDocument, org: OrganisationConfig): Defaults {
  const body = unit.presetAnswers?.cq_don_vi;
  const [issuing, symbol, onBehalf, title] =
    body === 'ubnd'
      ? [`ỦY BAN NHÂN DÂN\n${ward(org)}`, 'UBND', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']
      : body === 'hdnd'
        ? [`HỘI ĐỒNG NHÂN DÂN\n${ward(org)}`, 'HĐND', 'TM. THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN', 'CHỦ TỊCH']
        : [upper(unit.name), '', undefined, 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ'];
  return {
    form: 'nha-nuoc',
    superiorBody: unit.kind === 'chinh-quyen' ? '' : `ỦY BAN NHÂN DÂN ${ward(org)}`,
    issuingBody: issuing,
    documentNumber: `Số:       /BC${symbol ? `-${symbol}` : ''}`,
    signerOnBehalf: onBehalf,
    signerTitle: title,
    recipients: [TO_BTV, 'Lưu: VT.'],
  };
}

function massOrganisation(unit: UnitForDocument, org: OrganisationConfig): Defaults {
  const which = unit.presetAnswers?.mt_to_chuc;
  if (which === 'doan-tn') {
    return {
      form: 'doan-the',
      motto: ['ĐOÀN TNCS HỒ CHÍ MINH'],
      mark: '***',
      superiorBody: '',
      issuingBody: `BCH ĐOÀN ${ward(org)}`,
      documentNumber: 'Số:       -BC/ĐTN',
      signerOnBehalf: 'TM. BAN THƯỜNG VỤ',
      signerTitle: 'BÍ THƯ',
      recipients: [TO_BTV, 'Lưu VP Đoàn.'],
    };
  }
  const byKind: Record<string, [string, string, string]> = {
    mttq: [`ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\n${ward(org)}`, 'MTTQ', 'TM. BAN THƯỜNG TRỰC'],
    'phu-nu': [`HỘI LIÊN HIỆP PHỤ NỮ\n${ward(org)}`, 'HPN', 'TM. BAN CHẤP HÀNH'],
    ccb: [`HỘI CỰU CHIẾN BINH\n${ward(org)}`, 'CCB', 'TM. BAN CHẤP HÀNH'],
    'cong-doan': [upper(unit.name), 'CĐ', 'TM. BAN CHẤP HÀNH'],
  };
  const [issuing, symbol, onBehalf] = (typeof which === 'string' && byKind[which]) || [
    upper(unit.name),
    '',
    'TM. BAN CHẤP HÀNH',
  ];
  return {
    form: 'doan-the',
    superiorBody: '',
    issuingBody: issuing,
    documentNumber: `Số:       /BC${symbol ? `-${symbol}` : ''}`,
    signerOnBehalf: onBehalf,
    signerTitle: 'CHỦ TỊCH',
    recipients: [TO_BTV, 'Lưu VP.'],
  };
}

/** Which form a unit uses when its units-file entry does not say. */
export function defaultForm(unit: UnitForDocument): DocumentForm {
  if (isPartyName(unit.name) || unit.kind === 'to-chuc-dang' || unit.kind === 'co-quan-tham-muu')
    return 'dang';
  if (unit.kind === 'mat-tran') return 'doan-the';
  return 'nha-nuoc';
}

export function unitDocumentHeader(
  unit: UnitForDocument,
  org: OrganisationConfig,
  settings: UnitDocumentSettings | undefined,
  base: Pick<ExportHeader, 'place' | 'date' | 'subject'>,
): ExportHeader {
  const form = settings?.form ?? defaultForm(unit);
  const defaults =
    form === 'dang' ? party(unit, org) : form === 'nha-nuoc' ? state(unit, org) : massOrganisation(unit, org);
  const s = settings ?? {};
  return {
    ...base,
    ...defaults,
    form,
    ...(s.superiorBody !== undefined && { superiorBody: s.superiorBody }),
    ...(s.issuingBody !== undefined && { issuingBody: s.issuingBody }),
    ...(s.number !== undefined && { documentNumber: s.number }),
    ...(s.motto !== undefined && { motto: s.motto }),
    ...(s.mark !== undefined && { mark: s.mark }),
    ...(s.signerOnBehalf !== undefined && { signerOnBehalf: s.signerOnBehalf }),
    ...(s.signerTitle !== undefined && { signerTitle: s.signerTitle }),
    ...(s.signerName !== undefined && { signerName: s.signerName }),
    ...(s.recipients !== undefined && { recipients: s.recipients }),
  };
}
