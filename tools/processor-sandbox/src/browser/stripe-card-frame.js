/* global window, document, location, fetch, stripeCardState */
// Inside the card iframe (sandbox origin): reads the card inputs, tells the parent page how
// complete they are, and on request creates the PaymentMethod with the publishable key. Only
// the parent window at the origin given in the fragment is listened to or answered.

var settings = JSON.parse(decodeURIComponent(location.hash.slice(1)));
var PARENT_ORIGIN = settings.origin;
var KEY = settings.key;
var form = document.getElementById('card');
var inputs = {
  number: document.getElementById('cardnumber'),
  expiry: document.getElementById('exp-date'),
  cvc: document.getElementById('cvc'),
  postalCode: document.getElementById('postal'),
};
if (settings.hidePostalCode) {
  document.getElementById('postal-field').remove();
  inputs.postalCode = null;
} else if (settings.postalCode) {
  inputs.postalCode.value = settings.postalCode;
}

function tell(message) {
  message.source = 'arbor-sandbox-stripe-frame';
  window.parent.postMessage(message, PARENT_ORIGIN);
}

function values() {
  return {
    number: inputs.number.value,
    expiry: inputs.expiry.value,
    cvc: inputs.cvc.value,
    postalCode: inputs.postalCode ? inputs.postalCode.value : undefined,
  };
}

function onInput() {
  var state = stripeCardState(values(), new Date(), false);
  var change = { type: 'change', empty: state.empty, complete: state.complete, brand: state.brand };
  change.postalCode = inputs.postalCode ? inputs.postalCode.value : '';
  if (state.error) change.error = state.error;
  tell(change);
}

Object.keys(inputs).forEach((name) => {
  var input = inputs[name];
  if (!input) return;
  input.addEventListener('input', onInput);
  input.addEventListener('focus', () => tell({ type: 'focus' }));
  input.addEventListener('blur', () => tell({ type: 'blur' }));
});
form.addEventListener('submit', (event) => event.preventDefault());

function formBody(fields) {
  return Object.keys(fields)
    .filter((name) => fields[name] !== undefined && fields[name] !== null && fields[name] !== '')
    .map((name) => encodeURIComponent(name) + '=' + encodeURIComponent(String(fields[name])))
    .join('&');
}

function billingFields(details, postalCode) {
  var fields = {};
  var d = details || {};
  ['name', 'email', 'phone'].forEach((name) => {
    fields['billing_details[' + name + ']'] = d[name];
  });
  var address = Object.assign({}, d.address || {});
  if (postalCode && !address.postal_code) address.postal_code = postalCode;
  ['line1', 'line2', 'city', 'state', 'postal_code', 'country'].forEach((name) => {
    fields['billing_details[address][' + name + ']'] = address[name];
  });
  return fields;
}

function createPaymentMethod(billingDetails) {
  var state = stripeCardState(values(), new Date(), true);
  if (state.error) return Promise.resolve({ error: state.error });
  var expiry = inputs.expiry.value.replace(/\D/g, '');
  var fields = Object.assign(
    {
      type: 'card',
      'card[number]': inputs.number.value.replace(/[\s-]/g, ''),
      'card[exp_month]': expiry.slice(0, 2),
      'card[exp_year]': expiry.length === 4 ? '20' + expiry.slice(2) : expiry.slice(2),
      'card[cvc]': inputs.cvc.value.trim(),
    },
    billingFields(billingDetails, inputs.postalCode ? inputs.postalCode.value.trim() : ''),
  );
  return fetch(location.origin + '/v1/payment_methods', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + KEY, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: formBody(fields),
  }).then(
    (response) =>
      response.json().then((body) => (response.ok ? { paymentMethod: body } : { error: body.error })),
    () => ({
      error: {
        type: 'api_connection_error',
        message: 'An error occurred while connecting to the payment processor. Please try again.',
      },
    }),
  );
}

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || event.origin !== PARENT_ORIGIN) return;
  var data = event.data;
  if (!data || typeof data !== 'object') return;
  if (data.type === 'createPaymentMethod') {
    createPaymentMethod(data.billingDetails).then((result) =>
      tell({ type: 'result', requestId: data.requestId, result: result }),
    );
  } else if (data.type === 'clear') {
    Object.keys(inputs).forEach((name) => {
      if (inputs[name]) inputs[name].value = '';
    });
    onInput();
  } else if (data.type === 'focus') {
    inputs.number.focus();
  }
});

// The parent sizes the iframe to the form, as Stripe.js does.
function tellHeight() {
  tell({ type: 'resize', height: document.documentElement.scrollHeight });
}
window.addEventListener('resize', tellHeight);
tellHeight();
tell({ type: 'ready' });
