import type { Category } from './types.js';

/**
 * Which categories a message says the person is in, with negation and its scope:
 * "không phải hộ nghèo" is someone else, "không còn là hộ cận nghèo" too, "not from a poor
 * household" and "no longer near-poor" alike; "không phải hộ nghèo mà là cận nghèo" is near-poor.
 * Where the message itself is unsure ("không biết có phải hộ nghèo không", "hộ nghèo hay cận
 * nghèo"), the categories in doubt are returned for a clarifying question instead of a guess.
 */
export interface CategoryReading {
  /** Categories that apply, in the order written; `other` when every one named was denied. */
  categories: Category[];
  /** Categories the message is unsure between (to ask which); empty when it is clear. */
  unsure: Category[];
  /** Where each mention was written, to be replaced by the slot token. */
  spans: { start: number; end: number }[];
}

interface Mention {
  category: Category;
  start: number;
  end: number;
  negated: boolean;
  unsure: boolean;
}

const HOUSEHOLD = String.raw`(?:ho |nguoi |gia dinh |nha |dien )?`;
const EN_GROUP = String.raw`(?:[ -](?:households?|families|family|people|persons?|group|category))?`;

const MENTIONS: [Category, RegExp][] = [
  // Someone in no priority group, said outright.
  ['other', /\bkhong (?:thuoc|nam trong|phai|co|o) (?:dien |doi tuong |nhom |loai )?(?:uu tien|nao|gi)(?: (?:uu tien|nao|ca))*\b|\bkhong (?:duoc )?uu tien\b|\bnot (?:in |part of |from )?(?:any|a) priority (?:group|category)\b|\bno priority(?: group| category)?\b|\bnone of (?:the|these|those) (?:groups|categories)\b|\b(?:nguoi )?binh thuong\b|\bdoi tuong khac\b|\b(?:lao dong|lam) tu do\b|\bordinary (?:people|person|citizens?|participants?)\b/g],
  ['near_poor', new RegExp(String.raw`\b${HOUSEHOLD}can ngheo\b|\bnear(?:ly)?[ -]?poor${EN_GROUP}\b`, 'g')],
  // "chuẩn nghèo" is the poverty line, "giảm nghèo" a programme: neither names a household.
  ['poor', new RegExp(String.raw`\b(?<!chuan |giam |xoa doi )${HOUSEHOLD}ngheo\b(?! (?:nhat|hon))|\b(?<!near |nearly |near-)poor${EN_GROUP}\b|\bpoverty households?\b`, 'g')],
  ['ethnic_minority', /\b(?:nguoi |dong bao )?dan toc(?: thieu so)?\b|\bethnic(?: minorit(?:y|ies))?\b|\bminorit(?:y|ies)\b/g],
  ['island', /\b(?:xa|huyen|vung|tren|o) dao\b|\bdac khu\b|\bislands?(?: communes?)?\b/g],
];

/** Words that deny what follows. */
const NEGATIONS = new Set(['khong', 'chua', 'chang', 'not', 'never', 'non', 'thoat', 'longer', 'isnt', 'arent']);
/** Words between a negation and the category it denies: "không (phải là | còn thuộc diện) hộ nghèo". */
const FILLERS = new Set([
  'o', 'whether', 'if', 'trong', 'dien', 'con', 'duoc', 'xep', 'vao', 'loai', 'cong', 'nhan', 'co', 'so', 'nam', 'danh', 'sach',
  'toi', 'minh', 'em', 'chung', 'nha', 'gia', 'dinh', 'cung', 'nua', 'doi', 'tuong', 'khoi', 'ra', 'da', 'moi', 'van',
  'a', 'an', 'the', 'from', 'in', 'part', 'of', 'considered', 'registered', 'as', 'classified', 'officially', 'listed', 'counted',
  'any', 'our', 'my', 'is', 'are', 'am', 'we', 'i', 'be', 'being', 'anymore', 'still', 'yet',
]);
/** "không biết / không rõ / not sure" before a category: the person does not know. */
const DOUBTS = new Set(['biet', 'ro', 'chac', 'sure', 'know', 'certain']);
/** Between two categories, these join them into one scope ("không phải hộ nghèo hay cận nghèo"). */
const JOINS = new Set(['hay', 'hoac', 'va', 'or', 'nor', 'and', 'cung', 'voi']);
const CHOICE = new Set(['hay', 'hoac', 'or']);
/** A doubt is about the category only through a copula: "không biết (nhà mình) có phải hộ nghèo". */
const COPULAS = new Set(['phai', 'thuoc', 'la', 'is', 'are', 'am', 'be', 'as', 'count', 'qualify']);

const wordsBefore = (text: string, at: number): string[] => text.slice(0, at).trim().split(' ').filter(Boolean).reverse();

/** What stands before a mention: a denial, a doubt, a join to the mention before it, or nothing. */
function lookBack(text: string, at: number): { kind: 'negated' | 'unsure' | 'joined' | 'none'; join?: string; words?: number } {
  const before = wordsBefore(text, at);
  let copula = false;
  for (let i = 0; i < Math.min(before.length, 7); i++) {
    const w = before[i]!;
    const next = before[i + 1] ?? '';
    if (JOINS.has(w)) return { kind: 'joined', join: w };
    if (NEGATIONS.has(w)) return { kind: 'negated', words: i + 1 + (w === 'longer' && next === 'no' ? 1 : 0) };
    if (DOUBTS.has(w) && copula && (NEGATIONS.has(next) || next === 'do')) return { kind: 'unsure', words: i + 2 };
    // "có lẽ", "hình như", "maybe": perhaps.
    if (w === 'maybe' || w === 'perhaps') return { kind: 'unsure', words: i + 1 };
    if ((w === 'le' && next === 'co') || (w === 'nhu' && next === 'hinh')) return { kind: 'unsure', words: i + 2 };
    if (COPULAS.has(w)) copula = true;
    else if (!FILLERS.has(w)) break;
  }
  return { kind: 'none' };
}

/** Where the `count` words before `at` start, never before `floor`. */
function startOfWords(text: string, at: number, count: number, floor: number): number {
  let start = at;
  for (let n = 0; n < count; n++) {
    const space = text.lastIndexOf(' ', start - 2);
    start = space + 1;
    if (space < 0) break;
  }
  return Math.max(start, floor);
}

/** "nữa", "anymore" after a denied category go with it. */
const AFTER_NEGATION = /^ (?:nua|anymore)\b/;

export function readCategories(text: string): CategoryReading {
  const mentions: Mention[] = [];
  for (const [category, re] of MENTIONS) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (mentions.some((x) => start < x.end && end > x.start)) continue;
      mentions.push({ category, start, end, negated: false, unsure: false });
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  mentions.forEach((m, i) => {
    if (m.category === 'other') return;
    const back = lookBack(text, m.start);
    const previous = mentions[i - 1];
    // The words that deny or doubt belong to the mention: they say nothing of the topic.
    if (back.words) m.start = startOfWords(text, m.start, back.words, previous?.end ?? 0);
    if (back.kind === 'negated') m.negated = true;
    else if (back.kind === 'unsure') m.unsure = true;
    else if (back.kind === 'joined' && previous && previous.category !== 'other') {
      // A category joined to a denied one is denied too; "X hay Y" asks which, unless denied.
      if (previous.negated) m.negated = true;
      else if (CHOICE.has(back.join!) && previous.category !== m.category) m.unsure = previous.unsure = true;
      else m.unsure = previous.unsure;
    }
  });
  for (const m of mentions) {
    const after = AFTER_NEGATION.exec(text.slice(m.end));
    if (m.negated && after) m.end += after[0].length;
  }
  const spans = mentions.map(({ start, end }) => ({ start, end }));
  const unsure = [...new Set(mentions.filter((m) => m.unsure && !m.negated).map((m) => m.category))];
  const named = [...new Set(mentions.filter((m) => !m.negated && !m.unsure).map((m) => m.category))];
  if (unsure.length) return { categories: named, unsure: [...new Set([...unsure, 'other' as const])], spans };
  if (named.length) return { categories: named, unsure: [], spans };
  return { categories: mentions.length ? ['other'] : [], unsure: [], spans };
}
