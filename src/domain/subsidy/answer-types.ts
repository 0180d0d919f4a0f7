import type { KeyedLine, TextKey } from '../text/line.js';
import type { Intent, TopicId } from './topics.js';
import type { Basis, Category, Confidence, LocalDate } from './types.js';

/** Interpolation values for an i18n text: amounts and dates already formatted. */
export type Params = Record<string, string | number>;

/** A text of an answer, with its values always there (`{}` for none): the figures an answer shows are read from them. */
export type AnswerLine = Required<KeyedLine>;

/** A reply with figures or facts: the chat layer translates `key`, then every line. */
export interface FactAnswer {
  kind: 'answer';
  intent: Intent;
  key: TextKey;
  /** Always includes `basis` (the legal text cited) and `date` (the date the rules applied for). */
  params: Params;
  /** Further texts to show after the main one, in order (figures, then notes). */
  lines: AnswerLine[];
  basis: Basis[];
  /** The date the rules were applied for. */
  date: LocalDate;
  /** The least certain value the answer relies on. */
  confidence: Confidence;
  /** Related topics, for follow-up buttons. */
  suggestions: TopicId[];
}

/** A question the rules can answer only by saying what is allowed (an income out of range, a date before 2018…). */
export interface ErrorAnswer extends Omit<FactAnswer, 'kind'> {
  kind: 'error';
}

/** The bot is not sure what was asked, or it is not about voluntary insurance: no guess, a hand-off. */
export interface FallbackAnswer {
  kind: 'fallback';
  intent: 'out_of_scope';
  key: 'subsidy:fallback.not_sure';
  params: Params;
  /** Closest topics, as button ids. */
  suggestions: TopicId[];
  /** The question should be offered to staff. */
  handOff: true;
}

/** What a clarifying question asks about: the figures differ by category, or by province. */
export type ClarifySlot = 'category' | 'province';

/** A reading the person can choose in a clarifying question: a slot's value and its label. */
export interface ClarifyOption {
  value: string;
  key: `subsidy:category.${Category}` | 'subsidy:clarify.province_option';
  params: Params;
}

/** The message reads two ways that give different figures: one question, then the answer. */
export interface ClarifyAnswer {
  kind: 'clarify';
  /** The topic that will be answered once the person has chosen. */
  intent: Intent;
  key: `subsidy:clarify.${ClarifySlot}`;
  params: Params;
  /** Always empty: a question carries no figures. */
  lines: AnswerLine[];
  slot: ClarifySlot;
  options: ClarifyOption[];
}

/** What the bot replies, without any prose. */
export type Answer = FactAnswer | ErrorAnswer | FallbackAnswer | ClarifyAnswer;
