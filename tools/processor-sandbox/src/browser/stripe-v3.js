/* global window, document, location */
// The processor sandbox's look-alike of Stripe.js v3 (https://js.stripe.com/v3/): the global
// `Stripe(publishableKey)`, `elements().create('card')` and `createPaymentMethod`. As in the real
// one, the card inputs live in an iframe served by the sandbox's origin; this page only ever
// sees the PaymentMethod that comes back. Messages are checked both ways: from the frame's
// window and origin only, and sent to the sandbox's origin only.

var script = document.currentScript;
var SANDBOX = new URL(script && script.src ? script.src : location.href).origin;
var FRAME_PATH = '/js/stripe/v3/elements/card';
var frameCount = 0;
var NOT_MOUNTED =
  'We could not retrieve data from the specified Element. Please make sure the Element you are attempting to use is still mounted.';

function IntegrationError(message) {
  var error = new Error(message);
  error.name = 'IntegrationError';
  return error;
}

function CardElement(stripe, options) {
  this._stripe = stripe;
  this._options = options || {};
  this._handlers = {};
  this._frame = null;
  this._pending = {};
  this._nextRequest = 1;
  this._destroyed = false;
  this._onMessage = this._receive.bind(this);
}

CardElement.prototype.on = function (event, handler) {
  if (typeof handler !== 'function') throw IntegrationError('A handler must be a function.');
  (this._handlers[event] = this._handlers[event] || []).push(handler);
  return this;
};

CardElement.prototype.off = function (event, handler) {
  var list = this._handlers[event] || [];
  this._handlers[event] = handler ? list.filter((h) => h !== handler) : [];
  return this;
};

CardElement.prototype._emit = function (event, payload) {
  (this._handlers[event] || []).slice().forEach((handler) => handler(payload));
};

CardElement.prototype.mount = function (target) {
  if (this._destroyed)
    throw IntegrationError('This Element has already been destroyed. Please create a new one.');
  var container = typeof target === 'string' ? document.querySelector(target) : target;
  if (!container || typeof container.appendChild !== 'function') {
    throw IntegrationError(
      'The selector you specified (' +
        String(target) +
        ') applies to no DOM elements that are currently on the page.',
    );
  }
  if (this._frame) this.unmount();
  frameCount += 1;
  var frame = document.createElement('iframe');
  frame.name = '__privateStripeFrame' + frameCount;
  frame.title = 'Secure card payment input frame';
  frame.setAttribute('frameborder', '0');
  frame.setAttribute('allowtransparency', 'true');
  frame.setAttribute('scrolling', 'no');
  // A first guess; the frame reports the height it needs once loaded.
  frame.style.cssText = 'border:0;width:100%;height:96px;display:block;';
  var settings = {
    key: this._stripe._key,
    origin: location.origin,
    hidePostalCode: Boolean(this._options.hidePostalCode),
    postalCode: (this._options.value && this._options.value.postalCode) || '',
  };
  // In the fragment, so the key and the page's origin never reach a server log.
  frame.src = SANDBOX + FRAME_PATH + '#' + encodeURIComponent(JSON.stringify(settings));
  window.addEventListener('message', this._onMessage);
  container.appendChild(frame);
  this._frame = frame;
};

CardElement.prototype.unmount = function () {
  window.removeEventListener('message', this._onMessage);
  if (this._frame && this._frame.parentNode) this._frame.parentNode.removeChild(this._frame);
  this._frame = null;
  var pending = this._pending;
  this._pending = {};
  Object.keys(pending).forEach((id) => pending[id].reject(IntegrationError(NOT_MOUNTED)));
};

CardElement.prototype.destroy = function () {
  this.unmount();
  this._destroyed = true;
  this._handlers = {};
  this._stripe._elements.splice(this._stripe._elements.indexOf(this), 1);
};

CardElement.prototype.clear = function () {
  this._send({ type: 'clear' });
};

CardElement.prototype.focus = function () {
  this._send({ type: 'focus' });
};

CardElement.prototype.update = function (options) {
  this._options = Object.assign({}, this._options, options);
};

CardElement.prototype._send = function (message) {
  if (this._frame && this._frame.contentWindow) this._frame.contentWindow.postMessage(message, SANDBOX);
};

CardElement.prototype._receive = function (event) {
  if (!this._frame || event.source !== this._frame.contentWindow || event.origin !== SANDBOX) return;
  var data = event.data;
  if (!data || typeof data !== 'object' || data.source !== 'arbor-sandbox-stripe-frame') return;
  if (data.type === 'resize' && typeof data.height === 'number') {
    this._frame.style.height = Math.ceil(data.height) + 'px';
  } else if (data.type === 'ready' || data.type === 'focus' || data.type === 'blur') {
    this._emit(data.type, { elementType: 'card' });
  } else if (data.type === 'change') {
    var change = { elementType: 'card', empty: data.empty, complete: data.complete, brand: data.brand };
    change.value = { postalCode: data.postalCode };
    if (data.error) change.error = data.error;
    this._emit('change', change);
  } else if (data.type === 'result' && this._pending[data.requestId]) {
    var pending = this._pending[data.requestId];
    delete this._pending[data.requestId];
    pending.resolve(data.result);
  }
};

CardElement.prototype._createPaymentMethod = function (billingDetails) {
  return new Promise((resolve, reject) => {
    if (!this._frame) {
      reject(IntegrationError(NOT_MOUNTED));
      return;
    }
    var requestId = String(this._nextRequest++);
    this._pending[requestId] = { resolve: resolve, reject: reject };
    this._send({ type: 'createPaymentMethod', requestId: requestId, billingDetails: billingDetails || null });
  });
};

function Elements(stripe) {
  this._stripe = stripe;
}

Elements.prototype.create = function (type, options) {
  if (type !== 'card') {
    throw IntegrationError(
      'The sandbox Stripe.js supports only the `card` Element, not `' + String(type) + '`.',
    );
  }
  if (this._stripe._elements.length > 0) {
    throw IntegrationError('Can only create one Element of type card.');
  }
  var element = new CardElement(this._stripe, options);
  this._stripe._elements.push(element);
  return element;
};

Elements.prototype.getElement = function (type) {
  return type === 'card' ? this._stripe._elements[0] || null : null;
};

function StripeClient(key) {
  this._key = key;
  this._elements = [];
}

StripeClient.prototype.elements = function () {
  return new Elements(this);
};

StripeClient.prototype.createPaymentMethod = function (data, legacyElement, legacyData) {
  // The older form createPaymentMethod('card', element, {billing_details}) is still accepted.
  if (data === 'card') {
    data = Object.assign({}, legacyData || {}, { type: 'card', card: legacyElement });
  }
  if (!data || typeof data !== 'object' || data.type !== 'card') {
    return Promise.reject(IntegrationError('Invalid value for createPaymentMethod: type should be card.'));
  }
  var element = data.card;
  if (!(element instanceof CardElement) || element._stripe !== this) {
    return Promise.reject(
      IntegrationError(
        'Invalid value for createPaymentMethod: card should be a card Element of this Stripe instance.',
      ),
    );
  }
  return element._createPaymentMethod(data.billing_details);
};

function Stripe(key) {
  if (typeof key !== 'string' || key === '') {
    throw IntegrationError(
      'Invalid value for Stripe(): apiKey should be a string. You specified: ' + String(key) + '.',
    );
  }
  if (/^sk_/.test(key)) {
    throw IntegrationError(
      'You should not use your secret key with Stripe.js. Please pass a publishable key instead.',
    );
  }
  return new StripeClient(key);
}

window.Stripe = Stripe;
