import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkFlowsDir, FlowLoadError, loadFlows } from '../../src/engine';
import { FLOWS_DIR } from './helpers';

const GOOD = `
id: thu
version: 1
kind: adhoc
title: Báo cáo thử
sections:
  - number: I
    heading: Tình hình chung
    questions:
      - id: loai
        type: choice
        prompt: Loại hình?
        options:
          - id: a
            label: Loại A
          - id: b
            label: Loại B
      - id: so
        type: number
        prompt: Số cuộc?
        when: { answer: { question: loai, equals: a } }
`;

/** Removes the options of the choice question of GOOD. */
const NO_OPTIONS = /\n +options:\n( +- id: [ab]\n +label: .*\n)+/;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flows-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function problemsOf(yaml: string, name = 'x.yaml'): Promise<string[]> {
  await writeFile(path.join(dir, name), yaml);
  const r = await checkFlowsDir(dir);
  expect(r.ok).toBe(r.problems.length === 0);
  return r.problems;
}

describe('loading flows', () => {
  test('the shipped flows pass the check, and the schedule file beside them is not taken for a flow', async () => {
    const r = await checkFlowsDir(FLOWS_DIR);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.summary.join('\n')).toContain('bao-cao-dan-chu-co-so v2');
    const catalog = await loadFlows(FLOWS_DIR);
    expect(
      catalog
        .list()
        .map((f) => f.id)
        .sort(),
    ).toEqual(['bao-cao-dan-chu-co-so', 'bao-cao-dot-xuat']);
    expect(catalog.require('bao-cao-dan-chu-co-so').sections.map((s) => s.number)).toEqual([
      'I',
      'II.1',
      'II.2',
      'III',
      'III',
      'III',
      'III',
      'III',
      'III',
      'IV.1',
      'IV.2',
      'IV.3',
      'V',
      'VI',
    ]);
    expect(catalog.get('khong-co')).toBeUndefined();
    expect(() => catalog.require('khong-co')).toThrow(/khong-co/);
  });

  test('a valid file loads', async () => {
    expect(await problemsOf(GOOD)).toEqual([]);
  });

  test.each([
    [
      'a bad question type names file, path and allowed values',
      GOOD.replace('type: number', 'type: integer'),
      /x\.yaml: sections\[0\]\.questions\[1\]\.type: expected one of text, number, choice, multi, yesno, date, attachment$/,
    ],
    [
      'a duplicate question id',
      GOOD.replace('id: so', 'id: loai'),
      /x\.yaml: sections\[0\]\.questions\[1\]\.id: duplicate question id "loai" \(first used at sections\[0\]\.questions\[0\]\)/,
    ],
    [
      'a condition on a missing question',
      GOOD.replace('question: loai', 'question: khong_co'),
      /sections\[0\]\.questions\[1\]\.when\.answer\.question: "khong_co" is not an earlier question/,
    ],
    [
      'a condition on an unknown option',
      GOOD.replace('equals: a }', 'equals: c }'),
      /when\.answer: "c" is not an option id of "loai"/,
    ],
    [
      'a choice without options',
      GOOD.replace(NO_OPTIONS, '\n'),
      /sections\[0\]\.questions\[0\]\.options: a choice question needs options/,
    ],
    [
      'an empty section',
      `${GOOD}  - number: II\n    heading: Trống\n    questions: []\n`,
      /sections\[1\]\.questions: section II has no questions/,
    ],
    ['invalid YAML', 'id: thu\nsections: [\n  - a', /x\.yaml: line \d+, column \d+: invalid YAML/],
    [
      'greaterThan on a question that is not a number',
      GOOD.replace('equals: a }', 'greaterThan: 0 }'),
      /when\.answer\.greaterThan: "loai" is not a number question/,
    ],
    [
      'two tests in one condition',
      GOOD.replace('equals: a }', 'equals: a, notEmpty: true }'),
      /when\.answer: give exactly one of equals, in, notEmpty, greaterThan/,
    ],
    [
      'a misspelt field',
      GOOD.replace('prompt: Số cuộc?', 'promt: Số cuộc?'),
      /questions\[1\]: unknown field "promt"/,
    ],
    ['a missing prompt', GOOD.replace('prompt: Số cuộc?', ''), /questions\[1\]\.prompt: is required/],
    ['an id with a dot', GOOD.replace('id: so', 'id: so.cuoc'), /questions\[1\]\.id: must match/],
    ['an id with $', GOOD.replace('id: so', 'id: $so'), /questions\[1\]\.id: must match/],
    [
      'an unknown unit kind',
      GOOD.replace('when: {', 'when: { unitKinds: [xa],'),
      /unitKinds\[0\]: expected one of chinh-quyen/,
    ],
    [
      'number limits on a text',
      GOOD.replace('type: number', 'type: text\n        min: 1'),
      /questions\[1\]\.min: only number/,
    ],
    [
      'min above max',
      GOOD.replace('type: number', 'type: number\n        min: 5\n        max: 1'),
      /max: must not be below min/,
    ],
  ])('%s', async (_name, yaml, expected) => {
    const problems = await problemsOf(yaml);
    expect(problems.some((p) => expected.test(p))).toBe(true);
    await expect(loadFlows(dir)).rejects.toBeInstanceOf(FlowLoadError);
  });

  test('a condition on a later question', async () => {
    const yaml = GOOD.replace(
      '      - id: so\n',
      '      - id: truoc\n        type: text\n        prompt: Trước?\n        when: { answer: { question: so, notEmpty: true } }\n      - id: so\n',
    );
    expect(await problemsOf(yaml)).toEqual([
      expect.stringMatching(/questions\[1\]\.when\.answer\.question: "so" is not an earlier question/),
    ]);
  });

  test('comparing a text answer by value is refused (text reaches the engine abbreviated)', async () => {
    const yaml = GOOD.replace('type: choice', 'type: text').replace(NO_OPTIONS, '\n');
    expect((await problemsOf(yaml)).join('\n')).toMatch(/"loai" is text; only notEmpty can test it/);
  });

  test('a main flow must have every outline section', async () => {
    const problems = await problemsOf(GOOD.replace('kind: adhoc', 'kind: main'));
    expect(problems).toContain(`${path.join(dir, 'x.yaml')}: sections: the outline section II.1 is missing`);
  });

  test('two files with the same flow id', async () => {
    await writeFile(path.join(dir, 'a.yaml'), GOOD);
    const problems = await problemsOf(GOOD, 'b.yml');
    expect(problems).toEqual([expect.stringMatching(/b\.yml: id: flow id "thu" is also used by .*a\.yaml/)]);
  });

  test('loadFlows throws FlowLoadError listing every problem', async () => {
    await writeFile(path.join(dir, 'a.yaml'), GOOD.replace('type: number', 'type: integer'));
    await writeFile(path.join(dir, 'b.yaml'), 'id: [');
    const err = await loadFlows(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowLoadError);
    expect((err as FlowLoadError).problems).toHaveLength(2);
    expect((err as FlowLoadError).message).toMatch(/a\.yaml: sections\[0\]\.questions\[1\]\.type/);
  });

  test('an empty or missing folder is a problem', async () => {
    expect((await checkFlowsDir(dir)).problems).toEqual([expect.stringMatching(/no flow files/)]);
    expect((await checkFlowsDir(path.join(dir, 'khong-co'))).ok).toBe(false);
  });
});
