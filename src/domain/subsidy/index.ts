/**
 * Voluntary social insurance (BHXH tự nguyện): rules as data, the calculator, and answers to
 * citizens' questions. Pure: rules and dates come in, i18n keys and figures go out.
 */
export { answer, DEFAULT_THRESHOLD, type AnswerOptions } from './answer.js';
export type { Answer, AnswerLine, ClarifyAnswer, ClarifyOption, ClarifySlot, ErrorAnswer, FactAnswer, FallbackAnswer, Params } from './answer-types.js';
export { answerMessage, type MessageOptions } from './multi-topic.js';
export { withChoice, type Choice } from './clarify.js';
export { calculate, highestCategory, type CalcError, type CalcInput, type CalcOutcome, type CalcResult, type SupportPart } from './calculator.js';
export { NOTE_CODES, type Note, type NoteCode } from './notes.js';
export { parseAmount, findAmounts } from './amount.js';
export { formatDate, formatDong, formatPercent } from './format.js';
export { fold } from '../text/fold.js';
export { normalise } from './normalise.js';
export { PROVINCES, provinceByCode, type Province } from './provinces.js';
export { loadRules, parseRules, RulesError, type RulesIssue, type RulesParseResult } from './rules-loader.js';
export { rulesOn, type RulesOn } from './rules-on-date.js';
export type { Rules } from './rules-schema.js';
export type { Slots } from './slots.js';
export type { WhenSlot } from './dates.js';
export { DEFAULT_SUGGESTIONS, TOPICS, isTopic, type Intent, type TopicId } from './topics.js';
export { CATEGORIES, isCategory, type Basis, type Category, type Confidence, type LocalDate } from './types.js';
export { prepareMatcher, understand, type Understood } from './understand.js';
