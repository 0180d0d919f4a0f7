import { focalAgencyIds, provinceWithin, supervisedProvinces } from '../domain/people/roles.js';
import type { TextLine } from '../messaging/message.js';
import type { AgenciesRepo } from '../repositories/agencies-repo.js';
import type { DeliveryFailuresRepo } from '../repositories/delivery-failures-repo.js';
import type { PeopleRepo } from '../repositories/people-repo.js';

const WEEK_MS = 7 * 24 * 3_600_000;
const MAX_NAMES = 10;

/**
 * Whose reminders of the last week could not be delivered after every try, among the focal points of the agencies
 * of `province` and its supervisors: a line for /quahan and the digest, or none. They need a call instead. Only the
 * people given up on are looked at, never the province's agencies (thousands), and in one read however many they are.
 */
export async function undeliveredLine(deps: { deliveryFailures: DeliveryFailuresRepo; people: Pick<PeopleRepo, 'persons'>; agencies: Pick<AgenciesRepo, 'byIds'> }, province: string, now: Date): Promise<TextLine | undefined> {
  const failed = await deps.deliveryFailures.failed({ since: new Date(now.getTime() - WEEK_MS), kinds: ['reminder', 'escalation'] });
  if (!failed.length) return undefined;
  // The people and their agencies in one read each, whatever the number given up on.
  const people = await deps.people.persons(failed.map((f) => f.personId));
  const agencies = await deps.agencies.byIds(people.flatMap(focalAgencyIds));
  const inProvince = (agencyId: number) => {
    const agency = agencies.get(agencyId);
    return !!agency && provinceWithin(agency.province, province);
  };
  const order = new Map(failed.map((f, i) => [f.personId, i] as const).reverse());
  const names = people
    .filter((person) => focalAgencyIds(person).some(inProvince) || supervisedProvinces(person).some((area) => provinceWithin(area, province)))
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((person) => person.name);
  if (!names.length) return undefined;
  return { key: 'reminders:undelivered', params: { count: names.length, names: names.slice(0, MAX_NAMES).join('; ') + (names.length > MAX_NAMES ? '; …' : '') } };
}
