/**
 * Neutral data model for the exports. The builders in this folder know nothing about the store or the
 * chat: callers map their records to these shapes and get a Buffer back.
 */

export type ExportQuestionType = 'text' | 'number' | 'choice' | 'multi' | 'yesno' | 'date' | 'attachment';

export interface ExportQuestion {
  id: string;
  prompt: string;
  type: ExportQuestionType;
  /** Unit of measure for numbers: "cuộc", "lượt người". */
  unit?: string;
  /** Short column/row title, used for numbers and in the spreadsheet header. */
  shortLabel?: string;
  /** Which unit kinds see the question; undefined = all. */
  unitKinds?: string[];
  /**
   * How the consolidated report says a total, "{n}" standing for the number:
   * "tổ chức {n} hội nghị cộng đồng dân cư". Without it: "hội nghị cộng đồng dân cư: 12 cuộc".
   */
  phrase?: string;
}

export interface ExportSection {
  /** 'I', 'II.1', 'IV.3', 'V' */
  number: string;
  heading: string;
  questions: ExportQuestion[];
}

export interface ExportOutline {
  flowId: string;
  title: string;
  sections: ExportSection[];
}

/** Dates as 'yyyy-mm-dd'. */
export type ExportRawValue = string | number | boolean | string[] | { name: string; size: number }[] | null;

export interface ExportAnswer {
  questionId: string;
  /** Already formatted Vietnamese text, may be multi-line. */
  display: string;
  raw: ExportRawValue;
}

export type ExportStatus = 'submitted' | 'accepted' | 'in_progress' | 'not_started' | 'returned' | 'exempt';

export interface ExportUnitReport {
  unitCode: string;
  unitName: string;
  unitKind: string;
  unitKindLabel: string;
  /** The block the unit belongs to in the ward (units file "group"), for the split of figures. */
  group?: string;
  status: ExportStatus;
  /** The status in the words of the chat and the board ("quá hạn (đang soạn 3/20)"), when known. */
  statusText?: string;
  submittedAt?: Date;
  version?: number;
  receiptNo?: string;
  answeredCount: number;
  totalCount: number;
  answers: ExportAnswer[];
}

/**
 * Which official form a document follows: the Party's (HD 36-HD/VPTW: "ĐẢNG CỘNG SẢN VIỆT NAM", "*"),
 * the State's (Decree 30/2020/NĐ-CP: national motto, "Số: …/BC-UBND", "TM."), or the Fatherland Front
 * and mass organisations' (their own name, the national motto or their own line, e.g. the Youth Union's).
 */
export type DocumentForm = 'dang' | 'nha-nuoc' | 'doan-the';

export interface ExportHeader {
  /** Default 'dang'. */
  form?: DocumentForm;
  /** Right-hand header lines for 'nha-nuoc' and 'doan-the' (default: the national motto). */
  motto?: string[];
  /** Mark under the issuing body: '*' (Party), '***' (Youth Union); none = a short rule (State). */
  mark?: string;
  /** e.g. 'ĐẢNG BỘ PHƯỜNG HỒNG AN' (unit report) / 'ĐẢNG BỘ THÀNH PHỐ …' (consolidated). */
  superiorBody: string;
  /** e.g. 'CHI BỘ KHU PHỐ 1' / 'ĐẢNG ỦY PHƯỜNG HỒNG AN'; a line break splits it over two lines. */
  issuingBody: string;
  /** e.g. 'Số      -BC/ĐU' (left blank for the clerk to fill). */
  documentNumber: string;
  /** 'Hồng An' */
  place: string;
  /** Rendered in Asia/Ho_Chi_Minh: 'Hồng An, ngày 26 tháng 11 năm 2026'. */
  date: Date;
  /** Trích yếu, e.g. 'kết quả thực hiện dân chủ ở cơ sở năm 2026'. */
  subject: string;
  /** 'T/M BAN THƯỜNG VỤ' */
  signerOnBehalf?: string;
  /** 'PHÓ BÍ THƯ' */
  signerTitle?: string;
  signerName?: string;
  /** 'Nơi nhận:' list. */
  recipients?: string[];
}

export interface ExportRound {
  id: string;
  title: string;
  /** 'trước ngày 10/12/2026' */
  dueLabel: string;
  /** The data window (kỳ số liệu): from 00:00 of the first day to the end of the last. */
  dataFrom?: Date | null;
  dataTo?: Date | null;
}

/** Figures of the same kind of round a year earlier (from the store or imported from an .xlsx). */
export interface PreviousRoundFigures {
  /** 'năm 2025' / '6 tháng đầu năm 2025': printed as "so với cùng kỳ năm 2025". */
  label: string;
  /** Ward total of each numeric question, by question id; a question nobody answered is absent. */
  totals: Record<string, number>;
}

export interface UnitReportDocxInput {
  header: ExportHeader;
  outline: ExportOutline;
  round: ExportRound;
  report: ExportUnitReport;
}

export interface ConsolidatedDocxInput {
  header: ExportHeader;
  outline: ExportOutline;
  round: ExportRound;
  reports: ExportUnitReport[];
  /** Who reports, as the opening sentence names it; default 'Ban Thường vụ Đảng ủy phường'. */
  reporter?: string;
  /** The documents the report is made under (căn cứ), in the order the opening cites them. */
  grounds?: string[];
  previous?: PreviousRoundFigures | null;
}

export interface RoundXlsxInput {
  outline: ExportOutline;
  round: ExportRound;
  reports: ExportUnitReport[];
}

export interface NumericTotal {
  question: ExportQuestion;
  section: ExportSection;
  rows: { unitName: string; value: number }[];
  total: number;
}
