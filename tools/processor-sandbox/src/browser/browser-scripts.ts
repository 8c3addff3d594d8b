import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpReply } from '../http';

/**
 * The browser half of the processors, served by the sandbox at the paths a browser loads them
 * from: look-alikes of Stripe.js v3 (and its card iframe), Accept.js and Converge Checkout.js.
 * Each is plain ES2019 written in this folder, wrapped in an IIFE at serve time with the
 * card checks it needs (card-checks.js) inlined, so nothing leaks into the page's globals but
 * the processor's own name.
 */

export const STRIPE_JS_PATH = '/js/stripe/v3/';
export const STRIPE_CARD_FRAME_PATH = '/js/stripe/v3/elements/card';
export const ACCEPT_JS_PATH = '/js/authorize-net/v1/Accept.js';
export const CHECKOUT_JS_PATH = '/hosted-payments/Checkout.js';

const NO_CACHE = { 'Cache-Control': 'no-cache' };

const sources = new Map<string, string>();
function source(file: string): string {
  let text = sources.get(file);
  if (text === undefined) {
    text = readFileSync(join(__dirname, file), 'utf8');
    sources.set(file, text);
  }
  return text;
}

function bundle(files: readonly string[]): string {
  return `(function () {\n'use strict';\n${files.map(source).join('\n')}\n})();\n`;
}

function script(files: readonly string[]): HttpReply {
  return {
    status: 200,
    headers: { 'Content-Type': 'text/javascript; charset=utf-8', ...NO_CACHE },
    body: bundle(files),
  };
}

/**
 * The card Element's inputs. The labels are what a shopper's screen reader reads and what a
 * browser test fills through `page.frameLocator(…).getByLabel(…)`.
 */
function cardFrame(): HttpReply {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Secure card payment input frame</title>
<style>
  body { margin: 0; padding: 2px; font: 14px system-ui, sans-serif; }
  form { display: grid; grid-template-columns: repeat(auto-fit, minmax(6em, 1fr)); align-items: end; gap: 6px; }
  label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; }
  input { box-sizing: border-box; width: 100%; font: inherit; padding: 4px 6px; border: 1px solid #767676; border-radius: 4px; }
  #number-field { grid-column: 1 / -1; }
</style>
</head>
<body>
<form id="card" novalidate>
  <label id="number-field">Card number
    <input id="cardnumber" name="cardnumber" inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234" maxlength="23">
  </label>
  <label>Expiration date (MM / YY)
    <input id="exp-date" name="exp-date" inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY" maxlength="9">
  </label>
  <label>CVC
    <input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" maxlength="4">
  </label>
  <label id="postal-field">ZIP
    <input id="postal" name="postal" autocomplete="postal-code" placeholder="ZIP" maxlength="10">
  </label>
</form>
<script>${bundle(['card-checks.js', 'stripe-card-frame.js'])}</script>
</body>
</html>
`;
  return {
    status: 200,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      ...NO_CACHE,
      // Any page may frame it (as js.stripe.com allows); the frame itself only trusts the
      // parent origin it is given, and answers only there.
      'Content-Security-Policy':
        "frame-ancestors *; default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
    },
    body: html,
  };
}

/** The reply for a script path, or undefined when the path is not one of them. */
export function browserAsset(method: string, path: string): HttpReply | undefined {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  switch (path) {
    case STRIPE_JS_PATH:
    case '/js/stripe/v3':
      return script(['stripe-v3.js']);
    case STRIPE_CARD_FRAME_PATH:
      return cardFrame();
    case ACCEPT_JS_PATH:
      return script(['card-checks.js', 'accept.js']);
    case CHECKOUT_JS_PATH:
      return script(['checkout.js']);
    default:
      return undefined;
  }
}
