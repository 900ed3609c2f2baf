// DynamoDB numbers, exactly: up to 38 significant digits, magnitudes from 1E-130 to
// 9.99…E+125, returned in plain canonical form (no exponent, no trailing zeros, "-0" is "0").
// Arithmetic and comparison are done on BigInt coefficients, never on floats.
import { ExpressionError } from './errors';

/** value = (negative ? -1 : 1) * coefficient * 10^exponent; coefficient has no trailing zeros. */
interface Decimal { negative: boolean; coefficient: bigint; exponent: number }

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export const NUMBER_ERRORS = {
  notNumeric: (n: string) => `The parameter cannot be converted to a numeric value: ${n}`,
  overflow: 'Number overflow. Attempting to store a number with magnitude larger than supported range',
  underflow: 'Number underflow. Attempting to store a number with magnitude smaller than supported range',
  digits: 'Attempting to store more than 38 significant digits in a Number',
};

function parse(n: string): Decimal {
  const m = NUMBER.exec(n);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new ExpressionError(n === '' ? 'The parameter cannot be converted to a numeric value' : NUMBER_ERRORS.notNumeric(n));
  const fraction = m[3] ?? '';
  const digits = (m[2] + fraction).replace(/^0+/, '');
  let exponent = Number(m[4] ?? '0') - fraction.length;
  if (!Number.isSafeInteger(exponent)) throw new ExpressionError(NUMBER_ERRORS.notNumeric(n));
  return make(m[1] === '-', BigInt(digits || '0'), exponent);
}

function make(negative: boolean, coefficient: bigint, exponent: number): Decimal {
  if (coefficient === 0n) return { negative: false, coefficient, exponent: 0 };
  while (coefficient % 10n === 0n) { coefficient /= 10n; exponent++; }
  return { negative, coefficient, exponent };
}

/** Throws DynamoDB's error when a number cannot be stored. */
function check(d: Decimal): Decimal {
  if (d.coefficient === 0n) return d;
  const digits = d.coefficient.toString().length;
  const magnitude = d.exponent + digits - 1;
  if (magnitude > 125) throw new ExpressionError(NUMBER_ERRORS.overflow);
  if (magnitude < -130) throw new ExpressionError(NUMBER_ERRORS.underflow);
  if (digits > 38) throw new ExpressionError(NUMBER_ERRORS.digits);
  return d;
}

function format(d: Decimal): string {
  const digits = d.coefficient.toString();
  let plain: string;
  if (d.exponent >= 0) plain = digits + '0'.repeat(d.exponent);
  else {
    const padded = digits.padStart(-d.exponent + 1, '0');
    const point = padded.length + d.exponent;
    plain = `${padded.slice(0, point)}.${padded.slice(point)}`;
  }
  return d.negative ? `-${plain}` : plain;
}

function signed(d: Decimal, exponent: number): bigint {
  const c = d.coefficient * 10n ** BigInt(d.exponent - exponent);
  return d.negative ? -c : c;
}

function sum(a: Decimal, b: Decimal): Decimal {
  const exponent = Math.min(a.exponent, b.exponent);
  const total = signed(a, exponent) + signed(b, exponent);
  return make(total < 0n, total < 0n ? -total : total, exponent);
}

/** Significant digits and scientific exponent (for item sizes). */
export function numberShape(n: string): { digits: number; magnitude: number; negative: boolean } {
  const d = parse(n);
  const digits = d.coefficient === 0n ? 0 : d.coefficient.toString().length;
  return { digits, magnitude: d.exponent + digits - 1, negative: d.negative };
}

export const numbers = {
  /** Validates and returns the canonical form; throws DynamoDB's message when invalid. */
  normalize(n: string): string {
    return format(check(parse(n)));
  },
  compare(a: string, b: string): number {
    const da = parse(a), db = parse(b);
    const exponent = Math.min(da.exponent, db.exponent);
    const x = signed(da, exponent), y = signed(db, exponent);
    return x < y ? -1 : x > y ? 1 : 0;
  },
  add(a: string, b: string): string {
    return format(check(sum(parse(a), parse(b))));
  },
  subtract(a: string, b: string): string {
    const d = parse(b);
    return format(check(sum(parse(a), make(!d.negative, d.coefficient, d.exponent))));
  },
};
