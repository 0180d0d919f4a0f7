import type { PersonInfo } from './person.js';

/** The province a supervisor role names to oversee every province. */
export const EVERY_PROVINCE = '*';

/** Only the roles matter here: a person as stored, or one built from other rows. */
type WithRoles = Pick<PersonInfo, 'roles'>;

export const isEveryProvince = (area: string) => area === EVERY_PROVINCE;

/** A province lies within an area: the area is that province, or every province. */
export const provinceWithin = (province: string, area: string) => isEveryProvince(area) || area === province;

export const isSupervisor = (p: WithRoles) => p.roles.some((r) => r.kind === 'supervisor');
export const isFocal = (p: WithRoles) => p.roles.some((r) => r.kind === 'focal');
export const focalAgencyIds = (p: WithRoles) => p.roles.filter((r) => r.kind === 'focal' && r.agencyId).map((r) => r.agencyId!);

/** The areas a person supervises as written in their roles: province codes, or `*` for every one. */
export const supervisedProvinces = (p: WithRoles) => p.roles.filter((r) => r.kind === 'supervisor' && r.province).map((r) => r.province!);

export const supervisesEveryProvince = (p: WithRoles) => supervisedProvinces(p).some(isEveryProvince);

/** Supervises the province itself or every province. */
export const supervises = (p: WithRoles, province: string) => supervisedProvinces(p).some((area) => provinceWithin(province, area));

/** May act on an agency's work: a focal point of the agency, or a supervisor of its province. */
export const isInChargeOf = (p: WithRoles, agency: { id: number; province: string }) => focalAgencyIds(p).includes(agency.id) || supervises(p, agency.province);

/** Every role `p` holds, `q` holds too: joining p's chat to q gives nobody a role they did not have. */
export const rolesHeldBy = (p: WithRoles, q: WithRoles) =>
  p.roles.every((r) => q.roles.some((s) => s.kind === r.kind && s.agencyId === r.agencyId && s.province === r.province));
