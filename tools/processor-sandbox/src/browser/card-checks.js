// Card-input checks the sandbox's browser scripts run before anything leaves the page, as the
// real Stripe.js and Accept.js do. Plain ES2019 with no imports: the sandbox inlines this file
// into each script it serves, and the unit spec loads it through `module.exports`.

function digitsOf(value) {
  return String(value == null ? '' : value).replace(/[\s-]/g, '');
}

/** The Luhn (mod 10) check every card network defines; the sandbox's server side uses it too. */
function passesLuhn(number) {
  if (!/^\d+$/.test(number)) return false;
  var sum = 0;
  var double = false;
  for (var i = number.length - 1; i >= 0; i--) {
    var digit = Number(number[i]);
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Stripe.js's brand names, from the networks' number ranges. */
function cardBrand(number) {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(number)) return 'discover';
  if (/^35/.test(number)) return 'jcb';
  if (/^3(0[0-5]|[689])/.test(number)) return 'diners';
  if (/^62/.test(number)) return 'unionpay';
  return 'unknown';
}

/** Digits a complete number of that brand has (Amex 15, Diners 14, the others 16). */
function numberLength(brand) {
  if (brand === 'amex') return 15;
  if (brand === 'diners') return 14;
  return 16;
}

/** `MM / YY` as typed (also `MMYY`, `MM/YY`, `MM / YYYY`) → `{ month, year }` or null if incomplete. */
function readExpiry(value) {
  var digits = String(value == null ? '' : value).replace(/\D/g, '');
  if (digits.length !== 4 && digits.length !== 6) return null;
  var month = Number(digits.slice(0, 2));
  var year = digits.length === 4 ? 2000 + Number(digits.slice(2)) : Number(digits.slice(2));
  return { month: month, year: year };
}

function validationError(code, message) {
  return { type: 'validation_error', code: code, message: message };
}

/**
 * The state of a Stripe card Element: `empty`, `complete`, `brand` and the first error in
 * field order, with Stripe.js's own codes and messages. `final` is true when the shopper
 * submits: incomplete fields are errors then, not while typing.
 */
function stripeCardState(fields, now, final) {
  var number = digitsOf(fields.number);
  var brand = cardBrand(number);
  var expiryText = String(fields.expiry == null ? '' : fields.expiry).trim();
  var cvc = digitsOf(fields.cvc);
  var postal = String(fields.postalCode == null ? '' : fields.postalCode).trim();
  var wantsPostal = fields.postalCode !== undefined;
  var empty = number === '' && expiryText === '' && cvc === '' && (!wantsPostal || postal === '');
  var error;

  var numberDone = number.length >= numberLength(brand);
  if (!/^\d*$/.test(number) || (numberDone && !passesLuhn(number)) || number.length > 19) {
    error = validationError('invalid_number', 'Your card number is invalid.');
  } else if (!numberDone && final) {
    error = validationError('incomplete_number', 'Your card number is incomplete.');
  }

  var expiry = readExpiry(expiryText);
  if (!error && expiry) {
    var thisYear = now.getFullYear();
    if (expiry.month < 1 || expiry.month > 12) {
      error = validationError('invalid_expiry_month', "Your card's expiration date is invalid.");
    } else if (expiry.year < thisYear) {
      error = validationError('invalid_expiry_year_past', "Your card's expiration year is in the past.");
    } else if (expiry.year === thisYear && expiry.month < now.getMonth() + 1) {
      error = validationError('invalid_expiry_month_past', "Your card's expiration date is in the past.");
    } else if (expiry.year > thisYear + 50) {
      error = validationError('invalid_expiry_year', "Your card's expiration year is invalid.");
    }
  } else if (!error && final && !expiry) {
    error = validationError('incomplete_expiry', "Your card's expiration date is incomplete.");
  }

  var cvcLength = brand === 'amex' ? 4 : 3;
  if (!error && final && (cvc.length !== cvcLength || !/^\d+$/.test(cvc))) {
    error = validationError('incomplete_cvc', "Your card's security code is incomplete.");
  }
  if (!error && final && wantsPostal && postal === '') {
    error = validationError('incomplete_zip', 'Your postal code is incomplete.');
  }

  var complete =
    !error &&
    numberDone &&
    passesLuhn(number) &&
    expiry !== null &&
    cvc.length === cvcLength &&
    (!wantsPostal || postal !== '');
  return { empty: empty, complete: complete, brand: brand, error: error };
}

var ACCEPT_MESSAGES = {
  E_WC_04: 'Please provide mandatory field to library.',
  E_WC_05: 'Please provide valid credit card number.',
  E_WC_06: 'Please provide valid expiration month.',
  E_WC_07: 'Please provide valid expiration year.',
  E_WC_08: 'Expiration date must be in the future.',
  E_WC_10: 'Please provide valid apiloginid.',
  E_WC_14: 'Accept.js encryption failed.',
  E_WC_15: 'Please provide valid CVV.',
  E_WC_16: 'Please provide valid Zip code.',
  E_WC_17: 'Please provide valid card holder name.',
  E_WC_18: 'Client key is required.',
  E_WC_21: 'User authentication failed due to invalid authentication values.',
};

function acceptMessage(code) {
  return { code: code, text: ACCEPT_MESSAGES[code] };
}

/**
 * Accept.js's checks of `dispatchData`'s argument, in its order: every failing field is
 * listed (not just the first), as `{ code, text }` with the E_WC_ codes Accept.js uses.
 */
function acceptErrors(secureData, now) {
  if (!secureData || typeof secureData !== 'object' || !secureData.cardData || !secureData.authData) {
    return [acceptMessage('E_WC_04')];
  }
  var card = secureData.cardData;
  var auth = secureData.authData;
  var errors = [];
  var number = String(card.cardNumber == null ? '' : card.cardNumber).replace(/[. ,:-]+/g, '');
  if (!/^\d{13,16}$/.test(number) || !passesLuhn(number)) errors.push(acceptMessage('E_WC_05'));

  var month = card.month == null ? undefined : String(card.month);
  if (month !== undefined && month.length === 1) month = '0' + month;
  var year = card.year == null ? undefined : String(card.year);
  var monthValid = month !== undefined && /^(0[1-9]|1[012])$/.test(month);
  if (year === undefined || !/^(\d{2}|\d{4})$/.test(year)) {
    errors.push(acceptMessage('E_WC_07'));
  } else if (monthValid) {
    var fullYear = year.length === 2 ? 2000 + Number(year) : Number(year);
    var endOfMonth = new Date(fullYear, Number(month), 0, 23, 59, 59, 999);
    if (endOfMonth < now) errors.push(acceptMessage('E_WC_08'));
  }
  if (!monthValid) errors.push(acceptMessage('E_WC_06'));

  var login = auth.apiLoginID == null ? '' : String(auth.apiLoginID);
  if (login.length === 0 || login.length >= 255) errors.push(acceptMessage('E_WC_10'));
  if (auth.clientKey == null || String(auth.clientKey).length === 0) errors.push(acceptMessage('E_WC_18'));

  var optional = [
    ['cardCode', 'E_WC_15', /^[0-9]{3,4}$/],
    ['zip', 'E_WC_16', /^.{1,20}$/],
    ['fullName', 'E_WC_17', /^.{1,64}$/],
  ];
  for (var i = 0; i < optional.length; i++) {
    var value = card[optional[i][0]];
    if (value != null && String(value).length > 0 && !optional[i][2].test(String(value))) {
      errors.push(acceptMessage(optional[i][1]));
    }
  }
  return errors;
}

if (typeof module === 'object' && module && module.exports) {
  module.exports = {
    passesLuhn: passesLuhn,
    cardBrand: cardBrand,
    readExpiry: readExpiry,
    stripeCardState: stripeCardState,
    acceptErrors: acceptErrors,
    acceptMessage: acceptMessage,
  };
}
