/** Day numbers (days since 1970-01-01, UTC) keep the generator's date arithmetic exact and fast. */
const msPerDay = 86_400_000;

export function dayNumber(isoDate: string): number {
  return Math.round(Date.parse(`${isoDate}T00:00:00Z`) / msPerDay);
}

export function isoDate(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** 1–12 */
export function monthOf(day: number): number {
  return new Date(day * msPerDay).getUTCMonth() + 1;
}

export function yearOf(day: number): number {
  return new Date(day * msPerDay).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday */
export function weekdayOf(day: number): number {
  return new Date(day * msPerDay).getUTCDay();
}
