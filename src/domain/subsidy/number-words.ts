/**
 * Numbers written in words, in folded text, turned into digits so that the amount and period
 * readers see them: "hai triệu rưỡi" → "2 trieu ruoi", "một triệu sáu" → "1.6 trieu",
 * "năm trăm nghìn" → "500 nghin", "ba tháng" → "3 thang", "five million" → "5 trieu".
 * Many of these words mean something else too (năm is a year, sáu is "after", ba is a father,
 * tạm is "temporary"), so a run of them is read only when a unit follows it.
 */

const VI_DIGITS: Record<string, number> = { khong: 0, mot: 1, hai: 2, ba: 3, bon: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9 };
/** Digits that only read as such after mười / mươi: "hai mươi mốt", "mười lăm", "hai mươi tư". */
const VI_AFTER_TEN: Record<string, number> = { mot: 1, lam: 5, tu: 4, nham: 5 };
const EN_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const TENS = new Set(['muoi', 'chuc']);
const MONEY_UNITS: Record<string, number> = { trieu: 1e6, cu: 1e6, million: 1e6, millions: 1e6, nghin: 1e3, ngan: 1e3, thousand: 1e3 };
const TIME_UNITS = new Set(['thang', 'nam', 'month', 'months', 'year', 'years']);
/** After these a month or year word names a time, not a count: "tháng này", "năm sau", "tháng 7". */
const NOT_A_COUNT_AFTER = /^(?:\d|nay|sau|toi|truoc|ngoai|kia|roi|this|next|last)/;

/** The value of a run of Vietnamese number words below a thousand ("hai tram nam muoi"), or undefined. */
function viBelowThousand(words: string[]): number | undefined {
  let total = 0;
  let current = 0;
  let seenTen = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'tram') {
      total += (current || 1) * 100;
      current = 0;
      seenTen = false;
    } else if (TENS.has(w)) {
      current = (current || 1) * 10;
      seenTen = true;
    } else if (w === 'le' || w === 'linh') {
      continue;
    } else if (seenTen && w in VI_AFTER_TEN) {
      current += VI_AFTER_TEN[w]!;
    } else if (w in VI_DIGITS) {
      current = seenTen ? current + VI_DIGITS[w]! : current * 10 + VI_DIGITS[w]!;
    } else return undefined;
  }
  return total + current;
}

/** Whether a "năm" after a number is five (more number follows) rather than "years". */
const continuesNumber = (next: string | undefined) => !!next && (next === 'tram' || TENS.has(next) || next in MONEY_UNITS);

const isViNumberWord = (w: string, previous: string | undefined) =>
  w in VI_DIGITS || TENS.has(w) || w === 'tram' || w === 'le' || w === 'linh' || ((previous === 'muoi' || previous === 'chuc') && w in VI_AFTER_TEN);

/** "1.6" rather than "1.6000000001", and no trailing ".0". */
const decimal = (n: number) => String(Math.round(n * 1000) / 1000);

function money(value: number): string {
  return value >= 1e6 ? `${decimal(value / 1e6)} trieu` : `${decimal(value / 1e3)} nghin`;
}

/** Reads Vietnamese number runs before "triệu", "nghìn", "tháng", "năm". */
function vietnamese(words: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    // The longest run of number words starting here.
    let j = i;
    while (j < words.length && isViNumberWord(words[j]!, words[j - 1]) && !(j > i && words[j] === 'nam' && !continuesNumber(words[j + 1]))) j++;
    if (j === i) {
      out.push(words[i++]!);
      continue;
    }
    // "năm" before other number words is the year: "năm hai nghìn hai mươi lăm".
    const start = words[i] === 'nam' && j - i > 1 && words[i + 1] !== 'tram' && !TENS.has(words[i + 1]!) ? i + 1 : i;
    if (start > i) out.push('nam');
    const unit = words[j];
    const run = words.slice(start, j);
    if (unit && unit in MONEY_UNITS) {
      const head = viBelowThousand(run);
      if (head === undefined) {
        out.push(...words.slice(start, j));
        i = j;
        continue;
      }
      let value = head * MONEY_UNITS[unit]!;
      let k = j + 1;
      // "hai triệu năm trăm (nghìn)", "một triệu sáu": what follows the millions.
      let m = k;
      while (m < words.length && isViNumberWord(words[m]!, words[m - 1])) m++;
      if (MONEY_UNITS[unit] === 1e6 && m > k) {
        const tail = viBelowThousand(words.slice(k, m));
        const next = words[m];
        if (tail !== undefined && (next === 'nghin' || next === 'ngan')) {
          value += tail * 1e3;
          k = m + 1;
        } else if (tail !== undefined && m - k === 1 && tail < 10 && !(next && TIME_UNITS.has(next))) {
          value += tail * 1e5;
          k = m;
        } else if (tail !== undefined && words[k + 1] === 'tram' && !(next && TIME_UNITS.has(next))) {
          value += tail * 1e3;
          k = m;
        }
      }
      out.push(...money(value).split(' '));
      i = k;
      continue;
    }
    if (unit && TIME_UNITS.has(unit) && !NOT_A_COUNT_AFTER.test(words[j + 1] ?? '')) {
      const value = viBelowThousand(run);
      if (value !== undefined && value > 0 && value <= 120) {
        out.push(String(value));
        i = j;
        continue;
      }
    }
    out.push(...words.slice(start, j));
    i = j;
  }
  return out;
}

/** Reads English number runs: "five million", "two and a half million", "half a million", "three months". */
function english(words: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (w === 'half' && words[i + 1] === 'a' && words[i + 2] && words[i + 2]! in MONEY_UNITS) {
      out.push(...money(0.5 * MONEY_UNITS[words[i + 2]!]!).split(' '));
      i += 3;
      continue;
    }
    if (!(w in EN_NUMBERS) && w !== 'hundred') {
      out.push(w);
      i++;
      continue;
    }
    let current = 0;
    let j = i;
    let half = false;
    for (; j < words.length; j++) {
      const x = words[j]!;
      if (x === 'a' || x === 'an') {
        if (j > i) break;
        current += 1;
      } else if (x in EN_NUMBERS) current += EN_NUMBERS[x]!;
      else if (x === 'hundred') current = (current || 1) * 100;
      else if (x === 'and' && words[j + 1] === 'a' && words[j + 2] === 'half') {
        half = true;
        j += 2;
      } else break;
    }
    const unit = words[j];
    const value = current + (half ? 0.5 : 0);
    if (unit && unit in MONEY_UNITS && value > 0) {
      out.push(...money(value * MONEY_UNITS[unit]!).split(' '));
      i = j + 1;
    } else if (unit && TIME_UNITS.has(unit) && !half && value > 0 && value <= 120 && !(words[i] === 'a' || words[i] === 'an')) {
      out.push(String(value));
      i = j;
    } else {
      out.push(w);
      i++;
    }
  }
  return out;
}

/** Folded, cleaned text with numbers in words written as digits where a unit says what they count. */
export function spellNumbers(text: string): string {
  return english(vietnamese(text.split(' '))).join(' ');
}
