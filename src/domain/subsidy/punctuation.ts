/**
 * Words separated by single spaces. Dots, commas, slashes and dashes survive only between
 * digits, where they belong to an amount or a date ("3.500.000", "3,5", "1/7/2025").
 */
export function cleanPunctuation(folded: string): string {
  return folded
    // English contractions: "what's" is "what", "don't" is "do not".
    .replace(/n[’']t\b/g, ' not')
    .replace(/[’'](?:s|re|m|ll|ve|d)\b/g, '')
    .replace(/[^a-z0-9%.,/-]+/g, ' ')
    .replace(/(?<!\d)[.,/-]|[.,/-](?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
