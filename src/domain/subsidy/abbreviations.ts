/**
 * Chat shorthand, folded. Each maps one word to its full form;
 * ambiguous ones (hn, tn, k) are decided by their neighbours in expandAbbreviations.
 */
const WORDS: Record<string, string> = {
  bhxhtn: 'bhxh tu nguyen',
  bh: 'bao hiem',
  hcn: 'ho can ngheo',
  dc: 'duoc',
  dk: 'dang ky',
  dky: 'dang ky',
  dki: 'dang ky',
  ki: 'ky',
  k: 'khong',
  ko: 'khong',
  kg: 'khong',
  kh: 'khong',
  khg: 'khong',
  hok: 'khong',
  hong: 'khong',
  hem: 'khong',
  khum: 'khong',
  bn: 'bao nhieu',
  bnh: 'bao nhieu',
  bnhieu: 'bao nhieu',
  baonhieu: 'bao nhieu',
  j: 'gi',
  ntn: 'nhu the nao',
  sdt: 'so dien thoai',
  dt: 'dien thoai',
  ht: 'ho tro',
  htro: 'ho tro',
  hotro: 'ho tro',
  nn: 'nha nuoc',
  nsnn: 'ngan sach nha nuoc',
  nc: 'nuoc',
  ng: 'nguoi',
  mk: 'minh',
  mik: 'minh',
  mh: 'minh',
  t: 'toi',
  e: 'em',
  vs: 'voi',
  thg: 'thang',
  lh: 'lien he',
  r: 'roi',
  dtts: 'dan toc thieu so',
  vnd: 'dong',
};

const LOCATION_WORDS = new Set(['o', 'tai', 'at', 'in', 'song', 'from']);

/** The word for "tn", which means tự nguyện after bhxh but thu nhập before an amount. */
function tn(previous: string | undefined, next: string | undefined): string {
  if (previous === 'bhxh' || previous === 'nguyen') return 'tu nguyen';
  if (next && /^\d/.test(next)) return 'thu nhap';
  if (previous === 'muc' || next === 'la' || next === 'thang') return 'thu nhap';
  return 'tu nguyen';
}

/** Expands shorthand word by word in folded, cleaned text. */
export function expandAbbreviations(text: string): string {
  const words = text.split(' ');
  return words
    .map((w, i) => {
      const previous = words[i - 1];
      const next = words[i + 1];
      // "hn" is hộ nghèo next to hcn (hộ cận nghèo), but Hà Nội after "ở", "tại".
      if (w === 'hn') return previous && LOCATION_WORDS.has(previous) ? 'ha noi' : 'ho ngheo';
      if (w === 'tn') return tn(previous, next);
      if (w === 'k' && previous && /^\d+([.,]\d+)?$/.test(previous)) return 'nghin';
      return WORDS[w] ?? w;
    })
    .join(' ');
}
