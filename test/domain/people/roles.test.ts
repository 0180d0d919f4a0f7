import { describe, expect, test } from 'vitest';
import type { RoleInfo } from '../../../src/domain/people/person.js';
import {
  EVERY_PROVINCE,
  focalAgencyIds,
  isEveryProvince,
  isFocal,
  isInChargeOf,
  isSupervisor,
  provinceWithin,
  supervisedProvinces,
  supervises,
  supervisesEveryProvince,
} from '../../../src/domain/people/roles.js';

const focal = (agencyId: number): RoleInfo => ({ kind: 'focal', agencyId, province: null });
const supervisor = (province: string): RoleInfo => ({ kind: 'supervisor', agencyId: null, province });
const person = (...roles: RoleInfo[]) => ({ roles });

const citizen = person();
const focalOf7 = person(focal(7), focal(9));
const supervisorOfA = person(supervisor('tinh-a'));
const supervisorOfAll = person(supervisor(EVERY_PROVINCE));
const both = person(focal(7), supervisor('tinh-b'));

describe('roles', () => {
  test('a citizen has none', () => {
    expect([isFocal(citizen), isSupervisor(citizen)]).toEqual([false, false]);
    expect(focalAgencyIds(citizen)).toEqual([]);
    expect(supervisedProvinces(citizen)).toEqual([]);
  });

  test('a focal point reports for their agencies and supervises nothing', () => {
    expect([isFocal(focalOf7), isSupervisor(focalOf7)]).toEqual([true, false]);
    expect(focalAgencyIds(focalOf7)).toEqual([7, 9]);
    expect(supervisedProvinces(focalOf7)).toEqual([]);
    expect(supervises(focalOf7, 'tinh-a')).toBe(false);
  });

  test('a supervisor supervises their province and no other', () => {
    expect([isFocal(supervisorOfA), isSupervisor(supervisorOfA)]).toEqual([false, true]);
    expect(supervisedProvinces(supervisorOfA)).toEqual(['tinh-a']);
    expect(focalAgencyIds(supervisorOfA)).toEqual([]);
    expect(supervises(supervisorOfA, 'tinh-a')).toBe(true);
    expect(supervises(supervisorOfA, 'tinh-b')).toBe(false);
    expect(supervisesEveryProvince(supervisorOfA)).toBe(false);
  });

  test('`*` supervises every province', () => {
    expect(isEveryProvince('*')).toBe(true);
    expect(isEveryProvince('tinh-a')).toBe(false);
    expect(supervisedProvinces(supervisorOfAll)).toEqual(['*']);
    expect(supervisesEveryProvince(supervisorOfAll)).toBe(true);
    expect(supervises(supervisorOfAll, 'tinh-a')).toBe(true);
    expect(supervises(supervisorOfAll, 'tinh-b')).toBe(true);
  });

  test('a province lies within itself and within every province, not within another one', () => {
    expect(provinceWithin('tinh-a', 'tinh-a')).toBe(true);
    expect(provinceWithin('tinh-a', '*')).toBe(true);
    expect(provinceWithin('*', '*')).toBe(true);
    expect(provinceWithin('tinh-a', 'tinh-b')).toBe(false);
    // Every province is wider than any one of them.
    expect(provinceWithin('*', 'tinh-a')).toBe(false);
  });

  test('roles without their agency or province count for the kind only', () => {
    const bare = person({ kind: 'focal', agencyId: null, province: null }, { kind: 'supervisor', agencyId: null, province: null });
    expect([isFocal(bare), isSupervisor(bare)]).toEqual([true, true]);
    expect(focalAgencyIds(bare)).toEqual([]);
    expect(supervisedProvinces(bare)).toEqual([]);
  });

  test('in charge of an agency: its focal point, or a supervisor of its province or of every province', () => {
    const agency7 = { id: 7, province: 'tinh-a' };
    const agency8 = { id: 8, province: 'tinh-b' };
    expect(isInChargeOf(focalOf7, agency7)).toBe(true);
    expect(isInChargeOf(focalOf7, agency8)).toBe(false);
    expect(isInChargeOf(supervisorOfA, agency7)).toBe(true);
    expect(isInChargeOf(supervisorOfA, agency8)).toBe(false);
    expect(isInChargeOf(supervisorOfAll, agency8)).toBe(true);
    expect(isInChargeOf(both, agency7)).toBe(true);
    expect(isInChargeOf(both, agency8)).toBe(true);
    expect(isInChargeOf(citizen, agency7)).toBe(false);
  });
});
