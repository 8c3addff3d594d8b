import { APIContracts, APIControllers, type ApiController } from 'authorizenet';
import {
  AnetNoAnswerError,
  executeWithTimeout,
  parseAnetAnswer,
  sdkLoggerCount,
  withoutLoggerLeak,
} from './authorize-net.client';

/** A controller that behaves as the SDK's does, on demand. */
function fakeController(behaviour: { answer?: unknown; error?: unknown; after?: number }): ApiController {
  let error: unknown;
  return {
    setEnvironment: () => undefined,
    execute(callback) {
      setTimeout(() => {
        if (behaviour.error !== undefined)
          error = behaviour.error; // the SDK logs it and never calls back
        else if (behaviour.answer !== undefined) callback();
      }, behaviour.after ?? 0);
    },
    getResponse: () => behaviour.answer,
    getError: () => error,
  };
}

const OK = { messages: { resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] } };

describe('executeWithTimeout', () => {
  it('resolves with the answer when the SDK calls back', async () => {
    await expect(executeWithTimeout(fakeController({ answer: OK }), 1000)).resolves.toEqual(OK);
  });

  it('gives up at the deadline when the SDK never calls back (sdk-node#104)', async () => {
    const started = Date.now();
    await expect(executeWithTimeout(fakeController({}), 100)).rejects.toThrow(/no answer within 100 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('fails at once on the error the SDK keeps, described without the request', async () => {
    const axiosError = {
      code: 'ERR_BAD_RESPONSE',
      message: 'Request failed with status code 503',
      response: { status: 503 },
      config: { data: '{"merchantAuthentication":{"transactionKey":"SECRET"}}' },
    };
    const started = Date.now();
    const failure = executeWithTimeout(fakeController({ error: axiosError }), 5000);
    await expect(failure).rejects.toThrow(AnetNoAnswerError);
    await expect(failure).rejects.toThrow('HTTP 503');
    await expect(failure).rejects.not.toThrow(/SECRET/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('parseAnetAnswer', () => {
  it('strips the byte-order mark a raw answer starts with', () => {
    expect(parseAnetAnswer(`\uFEFF${JSON.stringify(OK)}`)).toEqual(OK);
    expect(parseAnetAnswer(OK)).toEqual(OK);
  });

  it('treats anything without messages.resultCode as no answer', () => {
    expect(() => parseAnetAnswer('<html>502 Bad Gateway</html>')).toThrow(AnetNoAnswerError);
    expect(() => parseAnetAnswer({ hello: 'world' })).toThrow(AnetNoAnswerError);
    expect(() => parseAnetAnswer(undefined)).toThrow(AnetNoAnswerError);
  });
});

describe('the SDK logger leak', () => {
  const build = () => {
    const request = new APIContracts.AuthenticateTestRequest({
      merchantAuthentication: { name: 'login', transactionKey: 'Sandbox123456789' },
    });
    return new APIControllers.AuthenticateTestController(request.getJSON());
  };

  it('is real: each SDK object registers a winston logger that stays', () => {
    const before = sdkLoggerCount();
    for (let i = 0; i < 10; i++) build();
    expect(sdkLoggerCount()).toBeGreaterThanOrEqual(before + 30);
  });

  it('is closed by building through withoutLoggerLeak', () => {
    const before = sdkLoggerCount();
    for (let i = 0; i < 100; i++) withoutLoggerLeak(build);
    expect(sdkLoggerCount()).toBe(before);
  });
});
