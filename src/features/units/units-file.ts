import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { UNIT_KINDS } from '../../domain/unit-kinds';
import type { UnitInput } from '../../store/repositories/units';

/**
 * How a unit's own report is headed and signed (all optional; defaults by kind: see unit-document.ts).
 * form: dang (HD 36-HD/VPTW), nha-nuoc (Decree 30/2020/NĐ-CP), doan-the (Mặt trận, đoàn thể).
 */
const documentSchema = z.strictObject({
  form: z.enum(['dang', 'nha-nuoc', 'doan-the'], { error: 'expected dang, nha-nuoc or doan-the' }).optional(),
  superiorBody: z.string().optional(),
  issuingBody: z.string().trim().min(2).optional(),
  /** "Số       -BC/CB" (Party) or "Số:      /BC-UBND" (State), as printed. */
  number: z.string().trim().min(2).optional(),
  motto: z.array(z.string().trim().min(1)).min(1).max(3).optional(),
  mark: z.string().optional(),
  signerOnBehalf: z.string().optional(),
  signerTitle: z.string().optional(),
  signerName: z.string().optional(),
  recipients: z.array(z.string().trim().min(1)).min(1).optional(),
});

export type UnitDocumentSettings = z.infer<typeof documentSchema>;

const unitsFileSchema = z.object({
  units: z
    .array(
      z.strictObject({
        code: z
          .string()
          .regex(/^[a-z0-9-]{2,40}$/, { error: 'expected lowercase letters, digits and "-" (2–40)' }),
        name: z.string().trim().min(2, { error: 'expected the unit name' }),
        kind: z.enum(UNIT_KINDS, { error: `expected one of ${UNIT_KINDS.join(', ')}` }),
        group: z.string().optional(),
        active: z.boolean().optional(),
        /** Answers known from the unit itself (e.g. which body it is), filled in before anyone starts. */
        answers: z
          .record(
            z.string().regex(/^[a-z0-9_-]{1,32}$/, { error: 'expected a question id' }),
            z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
          )
          .optional(),
        /** Header and signature of the unit's own report. */
        document: documentSchema.optional(),
      }),
    )
    .min(1, { error: 'expected at least one unit' }),
});

export class UnitsFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

async function parseUnitsFile(file: string) {
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UnitsFileError([`${file}: ${(error as Error).message.split('\n')[0]}`]);
  }
  const parsed = unitsFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UnitsFileError(
      parsed.error.issues.map((issue) => `${file}: ${issue.path.map(String).join('.')}: ${issue.message}`),
    );
  }
  const codes = new Set<string>();
  const problems: string[] = [];
  parsed.data.units.forEach((unit, index) => {
    if (codes.has(unit.code)) problems.push(`${file}: units.${index}.code: duplicate code "${unit.code}"`);
    codes.add(unit.code);
  });
  if (problems.length > 0) throw new UnitsFileError(problems);
  return parsed.data.units;
}

/** Reads and validates the ward's units file; the order in the file is the display order. */
export async function readUnitsFile(file: string): Promise<UnitInput[]> {
  return (await parseUnitsFile(file)).map(({ answers, document: _document, ...unit }, index) => ({
    ...unit,
    presetAnswers: answers ?? {},
    order: index + 1,
  }));
}

/** The "document" settings of the units that have them, by unit code (read when exporting). */
export async function readUnitDocuments(file: string): Promise<Map<string, UnitDocumentSettings>> {
  const out = new Map<string, UnitDocumentSettings>();
  for (const unit of await parseUnitsFile(file)) if (unit.document) out.set(unit.code, unit.document);
  return out;
}
