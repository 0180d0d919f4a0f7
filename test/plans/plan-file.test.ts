import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { listPlanFiles, parsePlanFile } from '../../src/plans/plan-file.js';
import { planSchema } from '../../src/plans/plan-schema.js';
import { bigPlanYaml } from '../support/big-plan.js';
import { SEED_PLANS } from '../support/test-app.js';

const valid = `code: test-plan
title: "Kế hoạch thử"
document: "KH 1/KH-UBND"
issuedOn: 2022-02-18
issuer: "UBND tỉnh Thử"
province: thu
provinceName: "Thử"
seed: none.txt
agencies:
  - code: thu.so-noi-vu
    name: "Sở Nội vụ"
tasks:
  - code: yearly-report
    title: "Báo cáo kết quả"
    lead: [thu.so-noi-vu]
    recurrence: { every: year, due: "15/12" }
    source: "Mục IV"
targets:
  - { metric: voluntary_coverage, year: 2025, value: 3, comparator: gt }
`;

const issuesOf = (text: string) => {
  const result = parsePlanFile(text, 'thu.yaml');
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.issues.map((i) => `${i.file}:${i.line} ${i.field}: ${i.problem}`);
};

describe('plan files', () => {
  test('a valid file is read with its defaults', () => {
    const result = parsePlanFile(valid, 'thu.yaml');
    expect(result.ok && result.plan.tasks[0]).toMatchObject({ code: 'yearly-report', coordinating: [], reportTo: [], recurrence: { every: 'year', due: '15/12' } });
  });

  test('a valid plan reads as yaml reads it, whichever reader the file took', () => {
    const plans = [...listPlanFiles(SEED_PLANS), { file: 'big.yaml', text: bigPlanYaml({ agencies: 50 }) }, { file: 'thu.yaml', text: valid }];
    for (const { file, text } of plans) expect(parsePlanFile(text, file)).toEqual({ ok: true, plan: planSchema.parse(parse(text)) });
  });

  test('an agency that is not defined is named with its file, line and field', () => {
    expect(issuesOf(valid.replace('lead: [thu.so-noi-vu]', 'lead: [thu.so-tai-chinh]'))).toEqual([
      'thu.yaml:15 tasks.0.lead.0: agency "thu.so-tai-chinh" is not defined under agencies',
    ]);
  });

  test('a bad date in a recurrence is named', () => {
    expect(issuesOf(valid.replace('due: "15/12"', 'due: "31/13"'))[0]).toMatch(/^thu\.yaml:16 tasks\.0\.recurrence/);
  });

  test('a missing field is reported at its parent', () => {
    expect(issuesOf(valid.replace('    source: "Mục IV"\n', ''))).toEqual([expect.stringMatching(/^thu\.yaml:13 tasks\.0\.source: /)]);
  });

  test('a rate over 100 and an unknown metric are both reported', () => {
    const issues = issuesOf(valid.replace('value: 3,', 'value: 300,').replace('voluntary_coverage', 'happiness'));
    expect(issues).toHaveLength(2);
    expect(issues.every((i) => i.startsWith('thu.yaml:19 targets.0.'))).toBe(true);
  });

  test('broken YAML is reported with its line', () => {
    expect(issuesOf(valid.replace('title: "Báo cáo kết quả"', 'title: "Báo cáo kết quả'))[0]).toMatch(/^thu\.yaml:\d+ : /);
  });

  test('a key written twice is refused', () => {
    expect(issuesOf(valid.replace('    source: "Mục IV"', '    source: "Mục IV"\n    source: "Mục V"'))[0]).toMatch(/^thu\.yaml:\d+ : Map keys must be unique/);
  });

  test('unknown keys are refused rather than silently ignored', () => {
    expect(issuesOf(valid.replace('    source: "Mục IV"', '    source: "Mục IV"\n    deadline: "soon"'))[0]).toMatch(/^thu\.yaml:13 tasks\.0: Unrecognized key/);
  });

  test('agencies may give their level and the agency they sit under', () => {
    const communes = valid.replace('    name: "Sở Nội vụ"\n', '    name: "Sở Nội vụ"\n  - code: thu.ubnd-tinh\n    name: "UBND tỉnh"\n  - code: thu.xa-an\n    name: "UBND xã An"\n    level: commune\n    parent: thu.ubnd-tinh\n');
    const result = parsePlanFile(communes, 'thu.yaml');
    expect(result.ok && result.plan.agencies.map((a) => [a.code, a.level, a.parent])).toEqual([['thu.so-noi-vu', undefined, undefined], ['thu.ubnd-tinh', undefined, undefined], ['thu.xa-an', 'commune', 'thu.ubnd-tinh']]);
  });

  test('an unknown level, a parent not defined and parents in a circle are named', () => {
    const agencies = (first: string, second: string) => valid.replace('    name: "Sở Nội vụ"\n', `    name: "Sở Nội vụ"\n    ${first}\n  - code: thu.xa-an\n    name: "UBND xã An"\n    ${second}\n`);
    expect(issuesOf(agencies('level: district', 'parent: thu.so-noi-vu'))[0]).toMatch(/^thu\.yaml:12 agencies\.0\.level: /);
    expect(issuesOf(agencies('parent: thu.xa-an', 'parent: thu.xa-binh'))).toEqual(['thu.yaml:15 agencies.1.parent: agency "thu.xa-binh" is not defined under agencies']);
    expect(issuesOf(agencies('parent: thu.xa-an', 'parent: thu.so-noi-vu'))).toEqual([
      'thu.yaml:12 agencies.0.parent: the parents of "thu.so-noi-vu" go round in a circle',
      'thu.yaml:15 agencies.1.parent: the parents of "thu.xa-an" go round in a circle',
    ]);
  });
});
