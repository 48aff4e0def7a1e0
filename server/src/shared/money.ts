// Money is a bigint of fen (0.01 yuan). API amounts are decimal text with at most two places;
// they are parsed from text, never through a float.
import { AppError } from './errors.ts';

const AMOUNT = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Parses "99.9" or 99.9 into 9990n fen; refuses negatives, zero, >2 decimals, exponents. */
export function parseAmount(input: string | number, field = 'amount'): bigint {
  const text = typeof input === 'number' ? String(input) : input.trim();
  const match = AMOUNT.exec(text);
  if (!match) throw new AppError('CBC.0100', `${field} must be a positive amount with at most 2 decimal places`);
  const fen = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  if (fen <= 0n) throw new AppError('CBC.0100', `${field} must be greater than 0`);
  return fen;
}

/** 12345n -> "123.45"; -5n -> "-0.05". */
export function formatAmount(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
