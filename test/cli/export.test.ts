import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { UsageError } from '../../src/cli/args';
import type { CliApp } from '../../src/cli/cli-app';
import { exportCommand } from '../../src/cli/commands/export';
import { readDocx, readXlsx } from '../documents/read-back';
import { Harness, seedSubmitted, ZONE } from '../features/secretariat/secretariat-support';

describe('npm run cli -- export', () => {
  let h: Harness;
  let out: string;
  const lines: string[] = [];
  let cli: CliApp;

  beforeAll(async () => {
    h = await Harness.open();
    await h.seedUnits();
    await h.annualRound();
    const at = new Date('2026-12-01T03:00:00Z');
    await seedSubmitted(
      h.repos,
      'annual-2026',
      'kp1',
      { i_dac_diem: 'Khu phố 1 có 620 hộ.', ii1_so_van_ban: 3 },
      at,
    );
    await seedSubmitted(
      h.repos,
      'annual-2026',
      'ubnd',
      { i_dac_diem: 'Phường có 12 khu phố.', ii1_so_van_ban: 5 },
      at,
    );
    out = mkdtempSync(path.join(tmpdir(), 'export-cli-'));
    // The command only uses the export use case, the store (to name the rounds) and the clock.
    cli = {
      store: h.store,
      useCases: { exports: h.exports },
      now: () => DateTime.fromISO('2026-12-02T08:00:00', { zone: ZONE }),
      out: (line: string) => lines.push(line),
    } as unknown as CliApp;
  });
  afterAll(async () => {
    rmSync(out, { recursive: true, force: true });
    await h.close();
  });

  test('writes the consolidated .docx, the .xlsx and with --units each submitted report, printing names and sizes', async () => {
    const dir = path.join(out, 'exports');
    expect(await exportCommand(['--round', 'annual-2026', '--out', dir, '--units'], cli)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'bao-cao-nam-2026-kp1-chi-bo-khu-pho-1.docx',
      'bao-cao-nam-2026-so-lieu.xlsx',
      'bao-cao-nam-2026-tong-hop.docx',
      'bao-cao-nam-2026-ubnd-uy-ban-nhan-dan-phuong.docx',
    ]);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/bao-cao-nam-2026-tong-hop\.docx {2}\d+\.\d KiB$/);

    const consolidated = await readDocx(readFileSync(path.join(dir, 'bao-cao-nam-2026-tong-hop.docx')));
    expect(consolidated.paragraphs.join('\n')).toContain('Hồng An, ngày 02 tháng 12 năm 2026');
    const appendix = consolidated.tables.at(-1)!;
    const wardTotal = appendix.slice(appendix.findIndex((row) => row[1] === 'Tổng cộng toàn phường'));
    expect(wardTotal.some((row) => row[3] === '8')).toBe(true);
    const wb = await readXlsx(readFileSync(path.join(dir, 'bao-cao-nam-2026-so-lieu.xlsx')));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Trạng thái', 'Số liệu']);
  });

  test('an unknown round lists the rounds there are; missing options are a usage error', async () => {
    lines.length = 0;
    expect(await exportCommand(['--round', 'annual-2030', '--out', out], cli)).toBe(1);
    expect(lines[0]).toBe('Không có đợt báo cáo "annual-2030". Các đợt hiện có: annual-2026');
    await expect(exportCommand(['--round', 'annual-2026'], cli)).rejects.toBeInstanceOf(UsageError);
  });
});
