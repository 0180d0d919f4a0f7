import { findAmounts } from './amount.js';
import { findWhens, type WhenSlot } from './dates.js';
import { readCategories } from './negation.js';
import { readProvinces } from './province-context.js';
import type { Category, LocalDate } from './types.js';

/** Readings of a message between which the figure would differ: ask, do not guess. */
export type Unsure = { slot: 'category'; options: Category[] } | { slot: 'province'; options: string[] };

/** What a question says besides its topic. */
export interface Slots {
  /** The first category named. */
  category?: Category;
  /** Every category named; the highest rate among them is chosen against the regime in force. */
  categories?: Category[];
  /** Chosen monthly income, in đồng. */
  income?: number;
  /** The time asked about as written (a day, a month, a year, "next year"; maybe "before" it). */
  when?: WhenSlot;
  /** A full date written in the question, ISO. */
  date?: LocalDate;
  /** A year written in the question (alone or with a month). */
  year?: number;
  province?: string;
  /** Months paid at once (1, 3, 6, 12, or 24 … 60 ahead). */
  months?: number;
  /** What the message leaves open (the category, the province), when it changes the figure. */
  unsure?: Unsure;
}

/** Words that stand for a slot in the text the topics are matched on, so "3tr" and "5 triệu" look alike. */
export const SLOT_TOKENS = { amount: 'xtien', when: 'xngay', province: 'xtinh', category: 'xnhom', period: 'xky', percent: 'xphantram', number: 'xso' } as const;

/** Words the slot patterns read, so that the speller knows them and leaves them alone. */
export const SLOT_WORDS = [
  'ho', 'can', 'ngheo', 'dan', 'toc', 'thieu', 'so', 'dong', 'bao', 'xa', 'huyen', 'vung', 'tren', 'dao', 'dac', 'khu',
  'binh', 'thuong', 'doi', 'tuong', 'khac', 'lao', 'lam', 'tu', 'do', 'nguoi', 'khong', 'chua', 'phai', 'thuoc', 'dien',
  'near', 'nearly', 'poor', 'households', 'household', 'families', 'family', 'people', 'ethnic', 'minority', 'minorities',
  'island', 'islands', 'commune', 'communes', 'ordinary', 'citizen', 'citizens', 'trieu', 'nghin', 'ngan', 'ruoi',
  'million', 'millions', 'thousand', 'quy', 'quarter', 'quarterly', 'nua', 'half', 'year', 'years', 'yearly', 'annually',
  'thang', 'month', 'months', 'monthly', 'nam', 'lan', 'luc', 'mot', 'moi', 'hang', 'theo', 'tung', 'truoc', 'before',
  'advance', 'ahead', 'upfront', 'once', 'every', 'each', 'ngay', 'nay', 'sau', 'toi', 'sang', 'ngoai', 'next', 'last',
  'uu', 'tien', 'priority', 'group', 'groups', 'category', 'categories', 'longer', 'anymore', 'never', 'poverty', 'thoat', 'chuan',
  'mot', 'hai', 'ba', 'bon', 'sau', 'bay', 'tam', 'chin', 'muoi', 'tram', 'linh', 'three', 'five', 'seven', 'eight', 'nine',
  'twelve', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'song', 'que', 'live', 'living', 'province', 'city',
  // The words negation and doubt are read from (negation.ts, province-context.ts): never "corrected" away.
  'biet', 'ro', 'chac', 'sure', 'know', 'maybe', 'perhaps', 'hinh', 'nhu', 'le', 'whether', 'considered', 'registered',
  'classified', 'officially', 'listed', 'counted', 'danh', 'sach', 'cong', 'nhan', 'xep', 'loai', 'nua', 'khoi', 'hay',
  'hoac', 'nhung', 'dang', 'hien', 'tru', 'chuyen', 'certain', 'qualify', 'still', 'being', 'longer', 'households',
  'like', 'weather', 'resident', 'paying', 'nhom', 'nao', 'gi', 'ca',
  // The words look-alikes are told by (out-of-scope.ts).
  'tang', 'dieu', 'chinh', 'rut', 'withdraw', 'withdrawal', 'bhyt', 'thai', 'san', 'that', 'nghiep', 'unemployment',
  'maternity', 'buoc', 'compulsory', 'mandatory', 'employer', 'cong', 'doanh', 'sinh', 'paid',
  'this', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];

const PERIOD_PATTERNS: [RegExp, (m: RegExpExecArray) => number][] = [
  [/\b(?:truoc|dong|pay|paying|tra) ([1-5]) (?:nam|years?)\b|\b([1-5]) (?:nam|years?) (?:(?:1|mot) (?:lan|luc)|in advance|ahead|upfront|at once|het)\b/g, (m) => 12 * Number(m[1] ?? m[2])],
  // Any number of months, so that "2 tháng một lần" is read, and answered as not allowed.
  [/\b(\d{1,2}) (?:thang|months?) (?:(?:1|mot) lan|at a time|at once)\b|\b(?:moi|every|dong|pay) (1|2|3|4|6|12) (?:thang|months?)\b/g, (m) => Number(m[1] ?? m[2])],
  [/\b(?:theo|hang|moi|tung|1|mot) quy\b|\bquarter(?:ly)?\b/g, () => 3],
  [/\bnua nam\b|\bhalf (?:a )?year(?:ly)?\b/g, () => 6],
  [/\b(?:hang|theo|moi|ca|1|mot) nam(?: (?:1|mot) lan)?\b|\b(?:yearly|annually|once a year|every year|per year|a year)\b/g, () => 12],
  [/\b(?:hang|moi|(?:1|mot)) thang\b|\b(?:monthly|every month|per month|a month|each month)\b/g, () => 1],
];

interface Span {
  start: number;
  end: number;
  token: string;
}

/** Text whose spaces are already single, with none at either end: replaceSpans without spans leaves it as it is. */
const UNEVEN_SPACE = /\s\s|^\s|\s$|[^\S ]/;

function replaceSpans(text: string, spans: Span[]): string {
  // Most patterns find nothing in a message: no new string then.
  if (!spans.length && !UNEVEN_SPACE.test(text)) return text;
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    out += `${text.slice(at, s.start)} ${s.token} `;
    at = s.end;
  }
  return (out + text.slice(at)).replace(/\s+/g, ' ').trim();
}

function matchAll(text: string, re: RegExp, token: string, each: (m: RegExpExecArray) => void): string {
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) {
    each(m as RegExpExecArray);
    spans.push({ start: m.index, end: m.index + m[0].length, token });
  }
  return replaceSpans(text, spans);
}

/**
 * Finds the slots in normalised text and returns the text with each slot replaced by its
 * token. Dates go first so that a year is not read as money, money before periods so that
 * "3tr" is not a number of months.
 */
export function extractSlots(text: string, original: string = text): { slots: Slots; delexicalised: string } {
  const slots: Slots = {};
  const whens = findWhens(text);
  const when = whens[0]?.when;
  if (when) slots.when = when;
  if (when?.kind === 'day') slots.date = when.date;
  if (when?.kind === 'month' || when?.kind === 'year') slots.year = when.year;
  let rest = replaceSpans(text, whens.map((w) => ({ ...w, token: SLOT_TOKENS.when })));
  rest = matchAll(rest, /\b\d+(?:[.,]\d+)? ?%/g, SLOT_TOKENS.percent, () => {}).replace(/%/g, ' phan tram ');
  const amounts = findAmounts(rest);
  if (amounts[0]) slots.income = amounts[0].value;
  rest = replaceSpans(rest, amounts.map((a) => ({ ...a, token: SLOT_TOKENS.amount })));
  for (const [re, months] of PERIOD_PATTERNS) rest = matchAll(rest, re, SLOT_TOKENS.period, (m) => (slots.months ??= months(m)));
  const provinces = readProvinces(rest, original);
  if (provinces.province) slots.province = provinces.province;
  rest = replaceSpans(rest, provinces.spans.map((x) => ({ ...x, token: SLOT_TOKENS.province })));
  const categories = readCategories(rest);
  if (categories.categories.length) [slots.category, slots.categories] = [categories.categories[0], categories.categories];
  if (categories.unsure.length) slots.unsure = { slot: 'category', options: categories.unsure };
  else if (provinces.unsure.length) slots.unsure = { slot: 'province', options: provinces.unsure };
  rest = replaceSpans(rest, categories.spans.map((x) => ({ ...x, token: SLOT_TOKENS.category })));
  // Any number left ("15 tuổi", "15 năm") says little about the topic by its value.
  rest = rest.replace(/\b\d+(?:[.,/]\d+)*\b/g, SLOT_TOKENS.number);
  return { slots, delexicalised: rest };
}
