/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with bracketed keys for nested
 * objects (`metadata[order]=1`) and indexed or empty brackets for arrays
 * (`payment_method_types[0]=card`, `expand[]=latest_charge`), as produced by the official SDKs
 * (stripe-node `stringifyRequestData`); the API introduction (https://docs.stripe.com/api) says
 * it "accepts form-encoded request bodies".
 */

export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

export class FormParseError extends Error {}

export function parseStripeForm(body: string): FormObject {
  const root: FormObject = {};
  if (body.trim() === '') return root;
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    assign(root, splitKey(key), value);
  }
  return normaliseArrays(root) as FormObject;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new FormParseError(`Invalid URL encoding: ${text}`);
  }
}

/** `a[b][0]` → `['a', 'b', '0']`; `a[]` → `['a', '']`. */
export function splitKey(key: string): string[] {
  const first = key.indexOf('[');
  if (first === -1) return [key];
  const parts = [key.slice(0, first)];
  const rest = key.slice(first);
  const re = /\[([^\]]*)\]/g;
  let consumed = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(rest)) !== null) {
    if (match.index !== consumed) throw new FormParseError(`Invalid parameter name: ${key}`);
    parts.push(match[1]!);
    consumed = match.index + match[0].length;
  }
  if (consumed !== rest.length) throw new FormParseError(`Invalid parameter name: ${key}`);
  return parts;
}

type Node = FormObject;

function assign(target: Node, path: string[], value: string): void {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i] === '' ? String(nextIndex(node)) : path[i]!;
    const existing = node[segment];
    if (existing === undefined) {
      const child: Node = {};
      node[segment] = child;
      node = child;
    } else if (typeof existing === 'string' || Array.isArray(existing)) {
      throw new FormParseError(`Conflicting values for ${path.slice(0, i + 1).join('.')}`);
    } else {
      node = existing;
    }
  }
  const last = path[path.length - 1]!;
  node[last === '' ? String(nextIndex(node)) : last] = value;
}

function nextIndex(node: Node): number {
  return Object.keys(node).filter((k) => /^\d+$/.test(k)).length;
}

/** Objects whose keys are exactly 0..n-1 become arrays, recursively. */
function normaliseArrays(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((k) => [k, normaliseArrays(value[k]!)] as const);
  const isArray =
    keys.length > 0 &&
    keys.every((k) => /^\d+$/.test(k)) &&
    keys
      .map(Number)
      .sort((a, b) => a - b)
      .every((n, i) => n === i);
  if (isArray) {
    return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

/** Canonical form of parsed parameters, for comparing two requests made with one idempotency key. */
export function canonicalForm(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalForm).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalForm(value[k]!)}`).join(',')}}`;
}
