/**
 * The kinds of reporting unit, shared by the flows (section III branches on them), the schedule
 * (rounds target kinds), the store and the secretariat's tools. One definition for all of them.
 */

/**
 * Kind of reporting unit. Section III of the outline branches on it, because
 * Law 10/2022/QH15 gives each kind of "cơ sở" its own chapter and the letter
 * 109-CV/ĐU (§1–§6) gives each recipient its own duties.
 *
 * - `chinh-quyen`: Thường trực HĐND, UBND phường (Law chapter II; letter §1, §2)
 * - `co-quan-tham-muu`: Ban Xây dựng Đảng, Ủy ban kiểm tra, Văn phòng Đảng ủy (letter §3, §4)
 * - `co-quan`: state agency or public unit, e.g. a school or health station (Law chapter III)
 * - `doanh-nghiep`: enterprise or organisation employing workers (Law chapter IV)
 * - `to-chuc-dang`: chi bộ, đảng bộ bộ phận (letter §6)
 * - `mat-tran`: UB MTTQ and socio-political organisations (letter §5)
 */
export const UNIT_KINDS = [
  'chinh-quyen',
  'co-quan-tham-muu',
  'co-quan',
  'doanh-nghiep',
  'to-chuc-dang',
  'mat-tran',
] as const;

export type UnitKind = (typeof UNIT_KINDS)[number];

/** Vietnamese labels of the unit kinds, for menus and exports. */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  'chinh-quyen': 'Chính quyền phường (Thường trực HĐND, UBND phường)',
  'co-quan-tham-muu': 'Cơ quan tham mưu, giúp việc Đảng ủy',
  'co-quan': 'Cơ quan nhà nước, đơn vị sự nghiệp công lập',
  'doanh-nghiep': 'Doanh nghiệp, tổ chức có sử dụng lao động',
  'to-chuc-dang': 'Tổ chức đảng trực thuộc Đảng ủy',
  'mat-tran': 'Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội phường',
};
