import { localDateOf } from '../../domain/calendar/local-time.js';
import { answer, CATEGORIES, formatDong, isCategory, parseAmount, provinceByCode, rulesOn, understand, type Category, type Understood } from '../../domain/subsidy/index.js';
import { fold } from '../../domain/subsidy/index.js';
import { answerOptions, replyFor } from '../citizen/subsidy-reply.js';
import { chatOf, say, type Feature, type Turn } from '../context.js';
import { rows, type ButtonSpec, type MessagePayload } from '../../messaging/message.js';

const FLOW = 'subsidy';
type Step = 'category' | 'province' | 'income' | 'months';

/** What the citizen has told the guided calculator so far; kept per chat in the database. */
interface FlowData {
  step: Step;
  category?: Category;
  /** Province code, or null for "another province / none". */
  province?: string | null;
  income?: number;
}

const cancelButton: ButtonSpec = { key: 'citizen:flow.cancelButton', data: 's:x' };
const rulesToday = (turn: Turn) => rulesOn(turn.deps.subsidy.rules, localDateOf(turn.now))!;

function ask(step: Step, turn: Turn, problem?: MessagePayload['lines'][number]): MessagePayload {
  const lines = problem ? [problem] : [];
  const on = rulesToday(turn);
  if (step === 'category') {
    lines.push({ key: 'citizen:flow.category' });
    return { lines, buttons: [...CATEGORIES.map((c) => [{ key: `subsidy:category.${c}`, data: `s:c:${c}` }]), [cancelButton]] };
  }
  if (step === 'province') {
    lines.push({ key: 'citizen:flow.province' });
    const withTopUps = [...new Set(turn.deps.subsidy.rules.provinceTopUps.map((p) => p.province))];
    const buttons: ButtonSpec[] = withTopUps.map((code) => ({ key: 'citizen:flow.provinceButton', params: { name: provinceByCode(code)?.name ?? code }, data: `s:p:${code}` }));
    buttons.push({ key: 'citizen:flow.otherProvince', data: 's:p:-' });
    return { lines, buttons: [...rows(buttons), [cancelButton]] };
  }
  if (step === 'income') {
    lines.push({ key: 'citizen:flow.income', params: { min: formatDong(on.minIncome), max: formatDong(on.maxIncome) } });
    const amounts = [3_000_000, 5_000_000].filter((a) => a > on.minIncome && a <= on.maxIncome);
    const buttons: ButtonSpec[] = [{ key: 'citizen:flow.lowestIncome', params: { amount: formatDong(on.minIncome) }, data: 's:i:min' }, ...amounts.map((a) => ({ key: 'citizen:flow.amountButton', params: { amount: formatDong(a) }, data: `s:i:${a}` }))];
    return { lines, buttons: [...rows(buttons, 1), [cancelButton]] };
  }
  lines.push({ key: 'citizen:flow.months' });
  const monthButtons: ButtonSpec[] = on.paymentModes.periodMonths.map((m) => ({ key: 'citizen:flow.monthsButton', params: { count: m }, data: `s:m:${m}` }));
  if (on.paymentModes.advanceMaxYears > 0) {
    const years = on.paymentModes.advanceMaxYears;
    monthButtons.push({ key: 'citizen:flow.yearsButton', params: { count: years }, data: `s:m:${years * 12}` });
  }
  return { lines, buttons: [...rows(monthButtons), [cancelButton]] };
}

async function save(turn: Turn, data: FlowData): Promise<void> {
  await turn.deps.chatState.set(chatOf(turn), { flow: FLOW, data: data as unknown as Record<string, unknown> });
}

export async function startSubsidyFlow(turn: Turn): Promise<MessagePayload[]> {
  await save(turn, { step: 'category' });
  return [say('citizen:flow.intro'), ask('category', turn)];
}

/** The last step: the calculator's answer, or the step again with what was wrong. */
async function result(turn: Turn, data: FlowData, months: number): Promise<MessagePayload[]> {
  const understood: Understood = {
    text: '',
    normalised: '',
    intent: 'calculator',
    confidence: 1,
    slots: { ...(data.category ? { category: data.category, categories: [data.category] } : {}), ...(data.province ? { province: data.province } : {}), income: data.income, months },
    suggestions: [],
  };
  const reply = answer(understood, answerOptions(turn));
  if (reply.kind === 'error') return [replyFor(reply), ask('months', turn)];
  await turn.deps.chatState.clear(chatOf(turn));
  const payload = replyFor(reply);
  return [{ ...payload, buttons: [[{ key: 'citizen:flow.again', data: 's:c:' }]] }];
}

/** A choice, pressed or typed, moves the flow one step on. */
async function choose(turn: Turn, data: FlowData, step: Step, value: string): Promise<MessagePayload[]> {
  const on = rulesToday(turn);
  switch (step) {
    case 'category': {
      if (!isCategory(value)) return [ask('category', turn, { key: 'citizen:flow.pickCategory' })];
      await save(turn, { step: 'province', category: value });
      return [ask('province', turn)];
    }
    case 'province': {
      const province = value === '-' ? null : provinceByCode(value)?.code;
      if (province === undefined) return [ask('province', turn, { key: 'citizen:flow.unknownProvince', params: { text: value } })];
      await save(turn, { ...data, step: 'income', province });
      return [ask('income', turn)];
    }
    case 'income': {
      const income = value === 'min' ? on.minIncome : Number(value);
      if (!Number.isFinite(income)) return [ask('income', turn, { key: 'citizen:flow.notAnAmount', params: { text: value } })];
      if (income < on.minIncome || income > on.maxIncome) {
        return [ask('income', turn, { key: 'citizen:flow.incomeOutOfRange', params: { income: formatDong(income), min: formatDong(on.minIncome), max: formatDong(on.maxIncome) } })];
      }
      await save(turn, { ...data, step: 'months', income });
      return [ask('months', turn)];
    }
    case 'months': {
      const months = Number(value);
      if (!Number.isInteger(months) || months <= 0) return [ask('months', turn, { key: 'citizen:flow.notMonths', params: { text: value } })];
      return result(turn, data, months);
    }
  }
}

/** Reads a typed reply for the current step the way people write it: "2", "cận nghèo", "Ha Noi", "3tr5", "1 năm". */
function readTyped(step: Step, text: string): string {
  const folded = fold(text).trim();
  const number = /^\d+$/.test(folded) ? Number(folded) : undefined;
  if (step === 'category') return number ? (CATEGORIES[number - 1] ?? text) : (understand(text).slots.category ?? text);
  if (step === 'province') return /^(khong|khac|-|no|none|other)\b/.test(folded) ? '-' : (understand(text).slots.province ?? text);
  if (step === 'income') return /^(thap nhat|toi thieu|min|lowest)/.test(folded) ? 'min' : String(parseAmount(text) ?? text);
  const m = /^(\d+)\s*(nam|year|years)?/.exec(folded);
  return m ? String(Number(m[1]) * (m[2] ? 12 : 1)) : text;
}

const STEP_OF_BUTTON: Record<string, Step> = { c: 'category', p: 'province', i: 'income', m: 'months' };

/**
 * The guided calculator (/hotro): category → province → income → payment mode → result,
 * with buttons, or typed replies where buttons cannot be pressed.
 */
export const subsidyFlow: Feature = {
  commands: ['subsidy', 'hotro'],
  buttons: ['s:c:', 's:p:', 's:i:', 's:m:', 's:x'],
  flows: [FLOW],
  async handle(turn) {
    const state = await turn.deps.chatState.get<FlowData>(chatOf(turn));
    const data = state?.flow === FLOW ? state.data : undefined;
    const pressed = turn.incoming.data;
    if (!pressed && turn.incoming.text?.startsWith('/')) return startSubsidyFlow(turn);
    if (pressed === 's:x' || (!pressed && /^(huy|thoat|dung|cancel|stop|quit)$/.test(fold(turn.incoming.text ?? '').trim()))) {
      await turn.deps.chatState.clear(chatOf(turn));
      return [say('citizen:flow.cancelled')];
    }
    if (pressed) {
      const [, code, value = ''] = pressed.split(':');
      const step = STEP_OF_BUTTON[code!]!;
      // Choosing a category (re)starts the flow; later buttons need the flow they belong to.
      if (step === 'category') return value ? choose(turn, { step: 'category' }, 'category', value) : startSubsidyFlow(turn);
      if (!data || data.step !== step) return [say('citizen:flow.expired')];
      return choose(turn, data, step, value);
    }
    if (!data) return startSubsidyFlow(turn);
    return choose(turn, data, data.step, readTyped(data.step, turn.incoming.text ?? ''));
  },
};
