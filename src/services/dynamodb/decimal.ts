// DynamoDB numbers: up to 38 significant digits, magnitude 1E-130 .. 9.99…E+125. Parsed into
// sign, significant digits and a decimal exponent (value = 0.DIGITS × 10^exp), rendered in
// DynamoDB's canonical plain form, and encoded as a string whose byte order is numeric order.
// Pure.

export interface Decimal { sign: -1 | 0 | 1; digits: string; exp: number }

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** The parsed number, or the ValidationException message that rejects it. */
export function parseDecimal(text: string): Decimal | string {
  const m = NUMBER.exec(text.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return `The parameter cannot be converted to a numeric value: ${text}`;
  const int = m[2];
  const frac = m[3] ?? '';
  let all = int + frac;
  let exp = int.length + (m[4] ? Number(m[4]) : 0);
  const lead = all.length - all.replace(/^0+/, '').length;
  all = all.slice(lead);
  exp -= lead;
  all = all.replace(/0+$/, '');
  if (all === '') return { sign: 0, digits: '', exp: 0 };
  if (all.length > 38) return 'Attempting to store more than 38 significant digits in a Number';
  if (exp > 126) return 'Number overflow. Attempting to store a number with magnitude larger than supported range';
  if (exp < -129) return 'Number underflow. Attempting to store a number with magnitude smaller than supported range';
  return { sign: m[1] === '-' ? -1 : 1, digits: all, exp };
}

/** DynamoDB's canonical text: plain notation, no exponent, no redundant zeros. */
export function renderDecimal(d: Decimal): string {
  if (d.sign === 0) return '0';
  let body: string;
  if (d.exp <= 0) body = `0.${'0'.repeat(-d.exp)}${d.digits}`;
  else if (d.exp >= d.digits.length) body = d.digits + '0'.repeat(d.exp - d.digits.length);
  else body = `${d.digits.slice(0, d.exp)}.${d.digits.slice(d.exp)}`;
  return d.sign < 0 ? `-${body}` : body;
}

const complement = (digits: string) => digits.replace(/\d/g, (c) => String(9 - Number(c)));

/**
 * Order-preserving encoding: '0' negative, '1' zero, '2' positive; then the exponent in
 * three digits (offset by 200; complemented for negatives), then the digits (complemented
 * for negatives, closed by '~' so a longer negative mantissa sorts first).
 */
export function encodeDecimal(d: Decimal): string {
  if (d.sign === 0) return '1';
  const e = String(d.exp + 200).padStart(3, '0');
  if (d.sign > 0) return `2${e}${d.digits}`;
  return `0${String(999 - (d.exp + 200)).padStart(3, '0')}${complement(d.digits)}~`;
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const x = encodeDecimal(a);
  const y = encodeDecimal(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Byte-size DynamoDB charges for a number: about one byte per two significant digits, plus one. */
export function decimalSize(d: Decimal): number {
  return d.sign === 0 ? 1 : Math.ceil(d.digits.length / 2) + 1;
}
