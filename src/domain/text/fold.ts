/**
 * Lowercase without diacritics, đ as d: "Hộ cận nghèo" → "ho can ngheo". People write with
 * and without diacritics, often with wrong tone marks, and phones drop them: all matching
 * of what people type happens on this form.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
