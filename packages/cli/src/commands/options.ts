import { InvalidArgumentError } from 'commander';

/** Commander parser for options such as --max-rows and --timeout. */
export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new InvalidArgumentError('expected a whole number above 0.');
  return parsed;
}
