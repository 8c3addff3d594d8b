/* global window, document, location, fetch, acceptErrors, acceptMessage */
// The processor sandbox's look-alike of Authorize.net Accept.js (https://js.authorize.net/v1/Accept.js):
// `Accept.dispatchData(secureData, responseHandler)` checks the card data as Accept.js does
// (E_WC_ codes), posts `securePaymentContainerRequest` to the sandbox's API endpoint and hands
// `{ opaqueData, messages }` to the handler, with the API's codes renamed as Accept.js renames them.

var script = document.currentScript;
var SANDBOX = new URL(script && script.src ? script.src : location.href).origin;
var ENDPOINT = SANDBOX + '/xml/v1/request.api';
var RENAMED = {
  I00001: { code: 'I_WC_01', text: 'Successful.' },
  E00007: acceptMessage('E_WC_21'),
};

function failure(messages) {
  return { messages: { resultCode: 'Error', message: messages } };
}

function handlerOf(responseHandler) {
  if (typeof responseHandler === 'function') return responseHandler;
  // Accept.js also takes the name of a global function.
  if (typeof responseHandler === 'string' && typeof window[responseHandler] === 'function') {
    return window[responseHandler];
  }
  return null;
}

function randomId() {
  var bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.prototype.map.call(bytes, (b) => (b < 16 ? '0' : '') + b.toString(16)).join('');
}

function request(secureData) {
  var card = secureData.cardData;
  var month = String(card.month).length === 1 ? '0' + card.month : String(card.month);
  var token = {
    cardNumber: String(card.cardNumber).replace(/[. ,:-]+/g, ''),
    expirationDate: month + String(card.year),
  };
  ['cardCode', 'zip', 'fullName'].forEach((name) => {
    if (card[name] != null && String(card[name]).length > 0) token[name] = String(card[name]);
  });
  return {
    securePaymentContainerRequest: {
      merchantAuthentication: {
        name: String(secureData.authData.apiLoginID),
        clientKey: String(secureData.authData.clientKey),
      },
      data: { type: 'TOKEN', id: randomId(), token: token },
    },
  };
}

function translate(answer) {
  var messages = (answer && answer.messages) || {};
  var list = (messages.message || []).map((m) => RENAMED[m.code] || { code: m.code, text: m.text });
  var out = { messages: { resultCode: messages.resultCode === 'Ok' ? 'Ok' : 'Error', message: list } };
  if (answer && answer.opaqueData) out.opaqueData = answer.opaqueData;
  return out;
}

function dispatchData(secureData, responseHandler) {
  var handler = handlerOf(responseHandler);
  var respond = (response) => {
    if (handler) setTimeout(() => handler(response), 0);
  };
  var errors = handler ? acceptErrors(secureData, new Date()) : [acceptMessage('E_WC_04')];
  if (errors.length > 0) {
    respond(failure(errors));
    return;
  }
  fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(request(secureData)),
  })
    .then((response) => response.text())
    .then(
      (text) => respond(translate(JSON.parse(text.replace(/^\uFEFF/, '')))),
      () => respond(failure([acceptMessage('E_WC_14')])),
    );
}

window.Accept = { dispatchData: dispatchData };
