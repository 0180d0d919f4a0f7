import { addDays, weekday, type LocalDate } from './local-time.js';

export interface HolidayData {
  /** Days off besides weekends (public holidays and the days swapped to join them). */
  holidays: LocalDate[];
  /** Saturdays or Sundays made working days by a swap. */
  workingWeekends: LocalDate[];
  /** The years the data covers; any other year has only weekends off (holidays are never guessed). */
  years?: number[];
}

/**
 * Years in use (this one and the next, which reminders reach into from autumn on) that the holiday data does not
 * cover. Holidays move with the lunar calendar and the Prime Minister's swaps, so a missing year is said, not guessed.
 */
export function missingHolidayYears(data: Pick<HolidayData, 'years'>, today: LocalDate): number[] {
  const year = Number(today.slice(0, 4));
  const covered = new Set(data.years ?? []);
  return [year, year + 1].filter((y) => !covered.has(y));
}

export interface WorkCalendar {
  isWorkingDay(date: LocalDate): boolean;
  /** The date itself when it is a working day, otherwise the nearest earlier one. */
  onOrBeforeWorkingDay(date: LocalDate): LocalDate;
  /** The date itself when it is a working day, otherwise the nearest later one. */
  onOrAfterWorkingDay(date: LocalDate): LocalDate;
}

export function createWorkCalendar(data: HolidayData): WorkCalendar {
  const off = new Set(data.holidays);
  const on = new Set(data.workingWeekends);
  const isWorkingDay = (date: LocalDate) => on.has(date) || (weekday(date) <= 5 && !off.has(date));
  // Tết can close two working weeks; a month bounds the search for any real calendar.
  const walk = (date: LocalDate, step: number): LocalDate => {
    let d = date;
    for (let i = 0; i < 31 && !isWorkingDay(d); i++) d = addDays(d, step);
    return d;
  };
  return {
    isWorkingDay,
    onOrBeforeWorkingDay: (date) => walk(date, -1),
    onOrAfterWorkingDay: (date) => walk(date, 1),
  };
}
