import type { ClarifyAnswer, ClarifyOption } from './answer-types.js';
import { provinceByCode } from './provinces.js';
import { topUpOn } from './rules-on-date.js';
import type { Rules } from './rules-schema.js';
import type { Unsure } from './slots.js';
import type { Intent } from './topics.js';
import { isCategory, type LocalDate } from './types.js';
import type { Understood } from './understand.js';

/** The person's answer to a clarifying question: which reading they meant. */
export interface Choice {
  slot: Unsure['slot'];
  value: string;
}

/** Topics whose figures depend on the category, or on the province. */
const DEPENDS_ON: Record<Unsure['slot'], ReadonlySet<Intent>> = {
  category: new Set(['rate_by_category', 'monthly_payment', 'calculator', 'rate_history']),
  province: new Set(['rate_by_category', 'monthly_payment', 'calculator', 'province_topup']),
};

/** Whether the provinces in doubt would give different figures on the date (one has a top-up the other lacks, or a different one). */
function provincesDiffer(rules: Rules, codes: readonly string[], date: LocalDate): boolean {
  const topUps = codes.map((c) => JSON.stringify(topUpOn(rules, c, date)?.rates ?? null));
  return new Set(topUps).size > 1;
}

/**
 * The clarifying question to ask before answering, when the message leaves open something the
 * answer's figures depend on; undefined when the answer does not depend on it.
 */
export function clarifyFor(understood: Understood, intent: Intent, ctx: { rules: Rules; date: LocalDate }): ClarifyAnswer | undefined {
  const unsure = understood.slots.unsure;
  if (!unsure || !DEPENDS_ON[unsure.slot].has(intent)) return undefined;
  if (unsure.slot === 'province' && intent !== 'province_topup' && !provincesDiffer(ctx.rules, unsure.options, ctx.date)) return undefined;
  const options =
    unsure.slot === 'category'
      ? unsure.options.map((c): ClarifyOption => ({ value: c, key: `subsidy:category.${c}`, params: {} }))
      : unsure.options.map((code): ClarifyOption => ({ value: code, key: 'subsidy:clarify.province_option', params: { province: provinceByCode(code)?.name ?? code } }));
  return { kind: 'clarify', intent, key: `subsidy:clarify.${unsure.slot}`, params: {}, lines: [], slot: unsure.slot, options };
}

/**
 * The message understood with the person's choice: the doubt settled, the slot set. A province
 * left open without changing the figures is simply dropped (see clarifyFor).
 */
export function withChoice(understood: Understood, choice: Choice): Understood {
  const { unsure: _settled, ...slots } = understood.slots;
  if (choice.slot === 'category' && isCategory(choice.value)) return { ...understood, slots: { ...slots, category: choice.value, categories: [choice.value] } };
  if (choice.slot === 'province' && provinceByCode(choice.value)) return { ...understood, slots: { ...slots, province: choice.value } };
  return understood;
}

/** The message without its doubt, for topics that do not depend on it. */
export function withoutDoubt(understood: Understood): Understood {
  if (!understood.slots.unsure) return understood;
  const { unsure: _ignored, ...slots } = understood.slots;
  return { ...understood, slots };
}
