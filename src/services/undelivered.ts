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
 * people given up on are looked at (few), never the province's agencies (thousands).
 */
export async function undeliveredLine(deps: { deliveryFailures: DeliveryFailuresRepo; people: PeopleRepo; agencies: Pick<AgenciesRepo, 'byIds'> }, province: string, now: Date): Promise<TextLine | undefined> {
  const failed = await deps.deliveryFailures.failed({ since: new Date(now.getTime() - WEEK_MS), kinds: ['reminder', 'escalation'] });
  const names: string[] = [];
  for (const personId of new Set(failed.map((f) => f.personId))) {
    const person = await deps.people.person(personId);
    if (!person) continue;
    const agencies = await deps.agencies.byIds(focalAgencyIds(person));
    const concerned = [...agencies.values()].some((a) => provinceWithin(a.province, province)) || supervisedProvinces(person).some((area) => provinceWithin(area, province));
    if (concerned) names.push(person.name);
  }
  if (!names.length) return undefined;
  return { key: 'reminders:undelivered', params: { count: names.length, names: names.slice(0, MAX_NAMES).join('; ') + (names.length > MAX_NAMES ? '; …' : '') } };
}
