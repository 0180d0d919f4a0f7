/**
 * Questions that look like voluntary insurance but are not, and that the bot must hand off
 * whatever the matcher says: compulsory insurance, health insurance, maternity and
 * unemployment benefits, withdrawing at once, and the payment or raise of pensions already
 * drawn. Read on normalised text (folded, shorthand expanded).
 */
const ALWAYS = [
  /\brut\b(?:.*\b(?:mot|1) lan\b)?/, // rút BHXH (một lần)
  /\bwithdraw\w*\b|\blump sum\b|\bone (?:time|off) (?:payment|withdrawal)\b/,
  /\bbhyt\b|\bbao hiem y te\b|\bhealth insurance\b|\bthe y te\b/,
  /\bthai san\b|\bmaternity\b|\bsinh con\b/,
  /\bthat nghiep\b|\bunemployment\b/,
  /\b(?:tang|dieu chinh) luong huu\b|\bpension (?:increase|rise|raise)\b/,
  /\bluong huu (?:thang nay|bi cham|chua ve)\b|\bchua nhan (?:duoc )?luong huu\b|\bpension (?:is )?paid\b|\bpension payment (?:date|day)\b/,
];

/** About compulsory insurance, unless the message is about joining the voluntary scheme. */
const COMPULSORY = /\bbat buoc\b|\bcompulsory\b|\bmandatory\b|\b(?:cong ty|doanh nghiep|employer|chu su dung lao dong)\b.*\b(?:dong|pay|tra)\b/;
const VOLUNTARY = /\btu nguyen\b|\bvoluntary\b/;

export function isLookalike(normalised: string): boolean {
  if (ALWAYS.some((re) => re.test(normalised))) return true;
  return COMPULSORY.test(normalised) && !VOLUNTARY.test(normalised);
}
