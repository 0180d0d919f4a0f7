import { formatLocalDate } from '../calendar/local-time.js';
import type { LocalDate } from './types.js';

/** 1034000 → "1.034.000 đ": Vietnamese groups thousands with dots. */
export function formatDong(amount: number): string {
  const rounded = Math.round(amount);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${rounded < 0 ? '-' : ''}${digits} đ`;
}

/** 40 → "40%", 0.31 → "0,31%": Vietnamese writes decimals with a comma. */
export function formatPercent(percent: number): string {
  const text = Number.isInteger(percent) ? String(percent) : String(Number(percent.toFixed(4))).replace('.', ',');
  return `${text}%`;
}

/** 2025-07-01 → "01/07/2025". */
export function formatDate(date: LocalDate): string {
  return formatLocalDate(date);
}
