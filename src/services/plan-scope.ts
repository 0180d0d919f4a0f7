import type { Scope } from '../domain/progress/index.js';
import type { PlansRepo } from '../repositories/plans-repo.js';

/**
 * One plan's part of a summary (`/baocao <plan code>`, `cli report --plan`): its province, the agencies it names as
 * they are now, and only its own targets and deadlines. Undefined when no plan has that code.
 */
export async function planScope(plans: Pick<PlansRepo, 'listPlans' | 'planAgencies'>, code: string): Promise<{ scope: Scope; provinceCode: string } | undefined> {
  const plan = (await plans.listPlans()).find((p) => p.code === code.toLowerCase());
  if (!plan) return undefined;
  return { scope: { province: plan.provinceCode, agencyIds: await plans.planAgencies(plan.code), plan: plan.code }, provinceCode: plan.provinceCode };
}
