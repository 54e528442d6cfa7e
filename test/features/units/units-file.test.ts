import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readUnitDocuments, readUnitsFile, UnitsFileError } from '../../../src/features/units/units-file';

describe('units file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'units-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the shipped example ward: the recipients of letter 109, with what each unit is', async () => {
    const units = await readUnitsFile('flows/units/don-vi-mau.yaml');
    expect(units).toHaveLength(17);
    expect(units.map((unit) => unit.code)).toEqual(
      expect.arrayContaining([
        'thuong-truc-hdnd',
        'ubnd',
        'ban-xay-dung-dang',
        'uy-ban-kiem-tra',
        'mttq',
        'cong-doan',
      ]),
    );
    expect(units.find((unit) => unit.code === 'ubnd')).toMatchObject({
      name: 'Ủy ban nhân dân phường',
      kind: 'chinh-quyen',
      presetAnswers: { cq_don_vi: 'ubnd' },
      order: 2,
    });
    expect(new Set(units.map((unit) => unit.kind)).size).toBe(6);
    // the "document" settings are not stored with the unit: they are read when exporting
    expect(units.find((unit) => unit.code === 'cong-doan')).not.toHaveProperty('document');
    const documents = await readUnitDocuments('flows/units/don-vi-mau.yaml');
    expect(documents.get('cong-doan')).toEqual({
      issuingBody: 'CÔNG ĐOÀN PHƯỜNG HỒNG AN',
      signerOnBehalf: 'TM. BAN CHẤP HÀNH',
      signerTitle: 'CHỦ TỊCH',
    });
  });

  it('refuses an unknown document form', async () => {
    const file = path.join(dir, 'form.yaml');
    writeFileSync(
      file,
      [
        'units:',
        '  - code: ubnd',
        '    name: "Ủy ban nhân dân phường"',
        '    kind: chinh-quyen',
        '    document: { form: nhà-nước }',
      ].join('\n'),
    );
    await expect(readUnitDocuments(file)).rejects.toThrow(
      'units.0.document.form: expected dang, nha-nuoc or doan-the',
    );
  });

  it('names the file, the place and the problem for a broken file', async () => {
    const file = path.join(dir, 'broken.yaml');
    writeFileSync(
      file,
      [
        'units:',
        '  - { code: a1, name: "Đơn vị A", kind: hoi-dong }',
        '  - { code: a1, name: "Đơn vị B", kind: mat-tran }',
        '  - { code: "Có Dấu", name: "C", kind: mat-tran }',
      ].join('\n'),
    );
    const error = await readUnitsFile(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnitsFileError);
    const problems = (error as UnitsFileError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/broken\.yaml: units\.0\.kind: expected one of chinh-quyen/),
        expect.stringMatching(/broken\.yaml: units\.2\.code: expected lowercase letters/),
      ]),
    );
  });

  it('refuses two units with one code', async () => {
    const file = path.join(dir, 'duplicate.yaml');
    writeFileSync(
      file,
      'units:\n  - { code: a1, name: "Đơn vị A", kind: mat-tran }\n  - { code: a1, name: "Đơn vị B", kind: mat-tran }\n',
    );
    await expect(readUnitsFile(file)).rejects.toThrow('units.1.code: duplicate code "a1"');
  });
});
