/** Topics a citizen can ask about; their ids double as button ids for the guided flow. */
export const TOPICS = [
  'rate_by_category',
  'monthly_payment',
  'calculator',
  'who_can_join',
  'payment_modes',
  'how_to_register',
  'pension_basics',
  'province_topup',
  'hotline',
  'rate_history',
] as const;
export type TopicId = (typeof TOPICS)[number];

/** What a message is about: a topic, a greeting, or something the bot must not answer. */
export type Intent = TopicId | 'greeting' | 'out_of_scope';

/** Offered when the bot cannot tell what was asked. */
export const DEFAULT_SUGGESTIONS: TopicId[] = ['monthly_payment', 'rate_by_category', 'how_to_register'];

export function isTopic(value: string): value is TopicId {
  return (TOPICS as readonly string[]).includes(value);
}
