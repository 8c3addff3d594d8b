/* global window, document, location, fetch */
// The processor sandbox's look-alike of Elavon Converge's Checkout.js
// (https://api.convergepay.com/hosted-payments/Checkout.js): `ConvergeEmbeddedPayment.pay(paymentData,
// callback)` runs the Hosted Payments session named by `ssl_txn_auth_token` with the card in
// `paymentData`, and calls back `onApproval`, `onDeclined` or `onError` with Converge's answer.

var script = document.currentScript;
var SANDBOX = new URL(script && script.src ? script.src : location.href).origin;
var ENDPOINT = SANDBOX + '/hosted-payments/service/payment/hpe/process';

function call(callback, name, value) {
  if (callback && typeof callback[name] === 'function') setTimeout(() => callback[name](value), 0);
}

function pay(paymentData, callback) {
  if (!paymentData || typeof paymentData !== 'object' || !paymentData.ssl_txn_auth_token) {
    call(callback, 'onError', 'Missing ssl_txn_auth_token: create a session token on your server first.');
    return false;
  }
  var fields = {};
  Object.keys(paymentData).forEach((name) => {
    if (paymentData[name] != null) fields[name] = String(paymentData[name]);
  });
  fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fields: fields }),
  })
    .then((response) => response.json())
    .then(
      (answer) => {
        if (answer.errorCode) call(callback, 'onError', answer.errorMessage);
        else if (answer.ssl_result === '0') call(callback, 'onApproval', answer);
        else call(callback, 'onDeclined', answer);
      },
      () => call(callback, 'onError', 'Could not reach Converge. Please try again.'),
    );
  return false;
}

window.ConvergeEmbeddedPayment = { pay: pay };
