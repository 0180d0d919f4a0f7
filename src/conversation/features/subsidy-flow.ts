import { localDateOf } from '../../domain/calendar/local-time.js';
import { answer, CATEGORIES, formatDong, isCategory, parseAmount, provinceByCode, rulesOn, understand, type Category, type Understood } from '../../domain/subsidy/index.js';
import { fold } from '../../domain/subsidy/index.js';
import { answerOptions, replyFor } from '../citizen/subsidy-reply.js';
import { say, type Feature, type Turn } from '../context.js';
import { guidedFlow, type Outcome, type Step } from '../flow.js';
import { buttonKindsOf, encodeButton } from '../../messaging/buttons.js';
import { rows, type ButtonSpec, type MessagePayload } from '../../messaging/message.js';

type StepName = 'category' | 'province' | 'income' | 'months';

/** What the citizen has told the guided calculator so far; kept per chat in the database. */
interface FlowData {
  step: StepName;
  category?: Category;
  /** Province code, or null for "another province / none". */
  province?: string | null;
  income?: number;
}

const rulesToday = (turn: Turn) => rulesOn(turn.deps.subsidy.rules, localDateOf(turn.now))!;

/** A button from an earlier question, pressed once the flow has moved on, answers nothing. */
const expired: Outcome<FlowData> = { say: [say('citizen:flow.expired')] };

function question(step: StepName, turn: Turn): MessagePayload {
  const on = rulesToday(turn);
  if (step === 'category') {
    return { lines: [{ key: 'citizen:flow.category' }], buttons: CATEGORIES.map((c): ButtonSpec[] => [{ key: `subsidy:category.${c}`, data: encodeButton('subsidy.category', { category: c }) }]) };
  }
  if (step === 'province') {
    const withTopUps = [...new Set(turn.deps.subsidy.rules.provinceTopUps.map((p) => p.province))];
    const buttons = withTopUps.map((code): ButtonSpec => ({ key: 'citizen:flow.provinceButton', params: { name: provinceByCode(code)?.name ?? code }, data: encodeButton('subsidy.province', { province: code }) }));
    buttons.push({ key: 'citizen:flow.otherProvince', data: encodeButton('subsidy.province', { province: '-' }) });
    return { lines: [{ key: 'citizen:flow.province' }], buttons: rows(buttons) };
  }
  if (step === 'income') {
    const amounts = [3_000_000, 5_000_000].filter((a) => a > on.minIncome && a <= on.maxIncome);
    const buttons: ButtonSpec[] = [
      { key: 'citizen:flow.lowestIncome', params: { amount: formatDong(on.minIncome) }, data: encodeButton('subsidy.income', { income: 'min' }) },
      ...amounts.map((a): ButtonSpec => ({ key: 'citizen:flow.amountButton', params: { amount: formatDong(a) }, data: encodeButton('subsidy.income', { income: String(a) }) })),
    ];
    return { lines: [{ key: 'citizen:flow.income', params: { min: formatDong(on.minIncome), max: formatDong(on.maxIncome) } }], buttons: rows(buttons, 1) };
  }
  const buttons = on.paymentModes.periodMonths.map((m): ButtonSpec => ({ key: 'citizen:flow.monthsButton', params: { count: m }, data: encodeButton('subsidy.months', { months: m }) }));
  if (on.paymentModes.advanceMaxYears > 0) {
    const years = on.paymentModes.advanceMaxYears;
    buttons.push({ key: 'citizen:flow.yearsButton', params: { count: years }, data: encodeButton('subsidy.months', { months: years * 12 }) });
  }
  return { lines: [{ key: 'citizen:flow.months' }], buttons: rows(buttons) };
}

/** The last step: the calculator's answer, or the step again with what was wrong. */
function result(turn: Turn, data: FlowData, months: number): Outcome<FlowData> {
  const understood: Understood = {
    text: '',
    normalised: '',
    intent: 'calculator',
    confidence: 1,
    slots: { ...(data.category ? { category: data.category, categories: [data.category] } : {}), ...(data.province ? { province: data.province } : {}), income: data.income, months },
    suggestions: [],
  };
  const reply = answer(understood, answerOptions(turn));
  if (reply.kind === 'error') return { again: [], before: [replyFor(reply)] };
  return { done: [{ ...replyFor(reply), buttons: [[{ key: 'citizen:flow.again', data: encodeButton('subsidy.category', { category: '' }) }]] }] };
}

/** A choice, pressed or typed, moves the flow one step on. */
function choose(turn: Turn, data: FlowData, step: StepName, value: string): Outcome<FlowData> {
  const on = rulesToday(turn);
  switch (step) {
    case 'category':
      return isCategory(value) ? { next: { step: 'province', category: value } } : { again: [{ key: 'citizen:flow.pickCategory' }] };
    case 'province': {
      const province = value === '-' ? null : provinceByCode(value)?.code;
      if (province === undefined) return { again: [{ key: 'citizen:flow.unknownProvince', params: { text: value } }] };
      return { next: { ...data, step: 'income', province } };
    }
    case 'income': {
      const income = value === 'min' ? on.minIncome : Number(value);
      if (!Number.isFinite(income)) return { again: [{ key: 'citizen:flow.notAnAmount', params: { text: value } }] };
      if (income < on.minIncome || income > on.maxIncome) {
        return { again: [{ key: 'citizen:flow.incomeOutOfRange', params: { income: formatDong(income), min: formatDong(on.minIncome), max: formatDong(on.maxIncome) } }] };
      }
      return { next: { ...data, step: 'months', income } };
    }
    case 'months': {
      const months = Number(value);
      if (!Number.isInteger(months) || months <= 0) return { again: [{ key: 'citizen:flow.notMonths', params: { text: value } }] };
      return result(turn, data, months);
    }
  }
}

/** Reads a typed reply for the current step the way people write it: "2", "cận nghèo", "Ha Noi", "3tr5", "1 năm". */
function readTyped(step: StepName, text: string): string {
  const folded = fold(text).trim();
  const number = /^\d+$/.test(folded) ? Number(folded) : undefined;
  if (step === 'category') return number ? (CATEGORIES[number - 1] ?? text) : (understand(text).slots.category ?? text);
  if (step === 'province') return /^(khong|khac|-|no|none|other)\b/.test(folded) ? '-' : (understand(text).slots.province ?? text);
  if (step === 'income') return /^(thap nhat|toi thieu|min|lowest)/.test(folded) ? 'min' : String(parseAmount(text) ?? text);
  const m = /^(\d+)\s*(nam|year|years)?/.exec(folded);
  return m ? String(Number(m[1]) * (m[2] ? 12 : 1)) : text;
}

/** A step whose typed reply is read by `readTyped`, its question by `question`. */
const step = (name: StepName, pressed: Step<FlowData>['pressed']): Step<FlowData> => ({
  ask: (turn) => question(name, turn),
  typed: (turn, data, text) => choose(turn, data, name, readTyped(name, text)),
  pressed,
});

const calculator = guidedFlow<FlowData>({
  name: 'subsidy',
  steps: {
    category: step('category', { 'subsidy.category': (turn, data, b) => choose(turn, data, 'category', b.category) }),
    province: step('province', { 'subsidy.province': (turn, data, b) => (data.step === 'province' ? choose(turn, data, 'province', b.province) : expired) }),
    income: step('income', { 'subsidy.income': (turn, data, b) => (data.step === 'income' ? choose(turn, data, 'income', b.income) : expired) }),
    months: step('months', { 'subsidy.months': (turn, data, b) => (data.step === 'months' ? choose(turn, data, 'months', String(b.months)) : expired) }),
  },
  cancel: { button: 'subsidy.cancel', label: { key: 'citizen:flow.cancelButton' }, done: say('citizen:flow.cancelled') },
  expired: say('citizen:flow.expired'),
});

export function startSubsidyFlow(turn: Turn): Promise<MessagePayload[]> {
  return calculator.start(turn, { step: 'category' }, [say('citizen:flow.intro')]);
}

/**
 * The guided calculator (/hotro): category → province → income → payment mode → result,
 * with buttons, or typed replies where buttons cannot be pressed.
 */
export const subsidyFlow: Feature = {
  commands: ['subsidy', 'hotro'],
  buttons: buttonKindsOf('subsidy'),
  flows: [calculator.name],
  async handle(turn) {
    const { button } = turn;
    if (!turn.incoming.data && turn.incoming.text?.startsWith('/')) return startSubsidyFlow(turn);
    // A category button (re)starts the flow, wherever it stands: the one under a result says "again".
    if (button?.kind === 'subsidy.category') return button.category ? calculator.answer(turn, { step: 'category' }) : startSubsidyFlow(turn);
    return calculator.handle(turn);
  },
};
