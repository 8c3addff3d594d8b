import type { ExecutionContext } from '@nestjs/common';
import { ArborError } from '@arbor/contracts';
import type { GatewayConfig } from '../gateway.config';
import { browserOriginOf, WebOriginGuard } from './web-origin.guard';

const guard = new WebOriginGuard({ webOrigins: ['https://app.arbor.test'] } as GatewayConfig);
const allows = (headers: Record<string, string>) =>
  guard.canActivate({
    switchToHttp: () => ({ getRequest: () => ({ headers }) }),
  } as unknown as ExecutionContext);

describe('web app origin check', () => {
  it('takes Origin, else the origin of Referer', () => {
    expect(browserOriginOf({ origin: 'https://app.arbor.test' })).toBe('https://app.arbor.test');
    expect(browserOriginOf({ referer: 'https://app.arbor.test/sign-in?next=/x' })).toBe(
      'https://app.arbor.test',
    );
    expect(browserOriginOf({ origin: 'null', referer: 'https://app.arbor.test/' })).toBeUndefined();
    expect(browserOriginOf({ referer: 'not a url' })).toBeUndefined();
    expect(browserOriginOf({})).toBeUndefined();
  });

  it('lets the web app through', () => {
    expect(allows({ origin: 'https://app.arbor.test' })).toBe(true);
    expect(allows({ referer: 'https://app.arbor.test/settings' })).toBe(true);
  });

  it('refuses a foreign origin, a look-alike, or none at all, with 403', () => {
    const refused: Array<Record<string, string>> = [
      { origin: 'https://evil.test' },
      { origin: 'https://app.arbor.test.evil.test' },
      { origin: 'http://app.arbor.test' },
      { origin: 'https://evil.test', referer: 'https://app.arbor.test/' },
      {},
    ];
    for (const headers of refused) {
      expect(() => allows(headers)).toThrow(ArborError);
      expect(() => allows(headers)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    }
  });
});
