// Real: the built identity app as its own process (sign-up, tokens), the gateway application in
// this process (and a second one beside it, for Redis away), RabbitMQ, PostgreSQL and Redis;
// requests over HTTP. Faked: one fixture route marked `idempotent` that counts its effects and
// answers as a test tells it to (no invoice route exists yet); an unreachable Redis (a closed port).
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Controller, Module } from '@nestjs/common';
import { z } from 'zod';
import { ArborError, route, type RouteInput as Input } from '@arbor/contracts';
import { createGatewayApp } from '../src/gateway.app';
import { Endpoint, RouteInput } from '../src/openapi/endpoint.decorator';
import { contractChecker } from './contract-check';
import { signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const FIXTURE_CHARGE = route({
  operationId: 'fixtureIdempotentCharge',
  method: 'POST',
  path: '/api/v1/fixture/charges',
  summary: 'Fixture: a charge that counts its effects',
  tags: ['fixture'],
  access: ['admin'],
  idempotent: true,
  body: z.object({ amount: z.number().int().positive(), memo: z.string().optional() }),
  responses: { 201: z.object({ chargeId: z.string(), amount: z.number().int() }) },
  problems: ['conflict', 'payment_declined'],
});

/** What the fixture did, and what it is told to answer next. */
const fixture = {
  effects: [] as Array<{ amount: number }>,
  answer: 'ok' as 'ok' | 'declined' | 'unavailable',
  /** Long enough that concurrent requests overlap the first one. */
  delayMs: 0,
};

@Controller()
class FixtureChargeController {
  @Endpoint(FIXTURE_CHARGE)
  async charge(@RouteInput() { body }: Input<typeof FIXTURE_CHARGE>) {
    fixture.effects.push({ amount: body.amount });
    if (fixture.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fixture.delayMs));
    if (fixture.answer === 'declined') throw new ArborError('payment_declined', 'the card was declined');
    if (fixture.answer === 'unavailable') throw new ArborError('service_unavailable', 'processor away');
    return { chargeId: randomUUID(), amount: body.amount };
  }
}

@Module({ controllers: [FixtureChargeController] })
class FixtureChargeModule {}

const PASSWORD = 'alder-catkins-in-spring';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

describe('Idempotency-Key', () => {
  let platform: Platform;
  const check = contractChecker([FIXTURE_CHARGE]);
  const alice = { practiceId: '', userId: '', adminToken: '' };
  const bruno = { practiceId: '', userId: '', adminToken: '' };

  async function charge(
    token: string,
    key: string | undefined,
    body: unknown,
    base = platform.api.base,
  ): Promise<Answer> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    };
    if (key !== undefined) headers['idempotency-key'] = key;
    const response = await fetch(`${base}/api/v1/fixture/charges`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    check('POST', '/fixture/charges', {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text,
      body: json,
    });
    return { status: response.status, headers: response.headers, text, body: json };
  }

  beforeAll(async () => {
    platform = await startPlatform('idempotency', ['identity'], { modules: [FixtureChargeModule] });
    Object.assign(alice, await signUpAsAdmin(platform.api, 'Alder Practice', 'alice@alder.test', PASSWORD));
    Object.assign(bruno, await signUpAsAdmin(platform.api, 'Birch Practice', 'bruno@birch.test', PASSWORD));
  });

  beforeEach(() => {
    fixture.effects = [];
    fixture.answer = 'ok';
    fixture.delayMs = 0;
  });

  afterAll(() => platform?.close());

  it('answers a repeat with the same key and body with the first answer, acting once', async () => {
    const key = randomUUID();
    const first = await charge(alice.adminToken, key, { amount: 1250, memo: 'March' });
    // The same parameters in another order are the same request.
    const repeat = await charge(alice.adminToken, key, { memo: 'March', amount: 1250 });

    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(repeat.status).toBe(201);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.headers.get('content-type')).toMatch(/^application\/json/);
    expect(repeat.text).toBe(first.text);
    expect(fixture.effects).toHaveLength(1);
  });

  it('answers 409 for the same key with another body, without acting', async () => {
    const key = randomUUID();
    expect((await charge(alice.adminToken, key, { amount: 1250 })).status).toBe(201);

    const other = await charge(alice.adminToken, key, { amount: 9999 });

    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(other.body).toMatchObject({
      type: 'urn:arbor:problem:conflict',
      field: 'Idempotency-Key',
      detail: expect.stringMatching(/already used for a different request/),
    });
    expect(fixture.effects).toEqual([{ amount: 1250 }]);
  });

  it('acts once for ten concurrent requests with one key: the others answer 409 while it runs', async () => {
    fixture.delayMs = 1000;
    const key = randomUUID();

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => charge(alice.adminToken, key, { amount: 500 })),
    );

    expect(fixture.effects).toHaveLength(1);
    const fresh = answers.filter(
      (answer) => answer.status === 201 && answer.headers.get('idempotent-replayed') === null,
    );
    expect(fresh).toHaveLength(1);
    const others = answers.filter((answer) => !fresh.includes(answer));
    const refused = others.filter((answer) => answer.status === 409);
    // All ten arrive within the first one's second, unless the machine is starved: then a late
    // one may already get the replay, never a second effect.
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of others) {
      if (answer.status === 409) expect(answer.body['detail']).toMatch(/still being processed/);
      else expect(answer.text).toBe(fresh[0]!.text);
    }
    // Once it is done, a retry gets its answer.
    const retry = await charge(alice.adminToken, key, { amount: 500 });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.text).toBe(fresh[0]!.text);
    expect(fixture.effects).toHaveLength(1);
  });

  it('keeps no 5xx answer: a retry with the same key runs, and its answer is kept', async () => {
    const key = randomUUID();
    fixture.answer = 'unavailable';
    const failed = await charge(alice.adminToken, key, { amount: 700 });
    expect(failed.status).toBe(503);

    fixture.answer = 'ok';
    const retried = await charge(alice.adminToken, key, { amount: 700 });
    const replayed = await charge(alice.adminToken, key, { amount: 700 });

    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.text).toBe(retried.text);
    expect(fixture.effects).toHaveLength(2);
  });

  it('keeps a refusal the operation answered (a decline): the repeat gets it, the card is not tried again', async () => {
    const key = randomUUID();
    fixture.answer = 'declined';
    const declined = await charge(alice.adminToken, key, { amount: 800 });
    fixture.answer = 'ok';
    const repeat = await charge(alice.adminToken, key, { amount: 800 });

    expect(declined.status).toBe(402);
    expect(repeat.status).toBe(402);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(repeat.text).toBe(declined.text);
    expect(fixture.effects).toHaveLength(1);
  });

  it('keeps no answer to a body the route rejects: the corrected body runs with the same key', async () => {
    const key = randomUUID();
    const invalid = await charge(alice.adminToken, key, { amount: -5 });
    const corrected = await charge(alice.adminToken, key, { amount: 5 });

    expect(invalid.status).toBe(400);
    expect(corrected.status).toBe(201);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
    expect(fixture.effects).toEqual([{ amount: 5 }]);
  });

  it("scopes keys by person: two people's same key are two requests", async () => {
    const key = randomUUID();
    const fromAlice = await charge(alice.adminToken, key, { amount: 300 });
    const fromBruno = await charge(bruno.adminToken, key, { amount: 300 });

    expect(fromAlice.status).toBe(201);
    expect(fromBruno.status).toBe(201);
    expect(fromBruno.headers.get('idempotent-replayed')).toBeNull();
    expect(fromBruno.body['chargeId']).not.toBe(fromAlice.body['chargeId']);
    expect(fixture.effects).toHaveLength(2);
  });

  it('runs every time without a key', async () => {
    const first = await charge(alice.adminToken, undefined, { amount: 100 });
    const second = await charge(alice.adminToken, undefined, { amount: 100 });

    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(fixture.effects).toHaveLength(2);
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['not printable ASCII', 'clé-ünïcode'],
  ])('refuses a key that is %s with 400, without acting', async (_name, key) => {
    const answer = await charge(alice.adminToken, key, { amount: 100 });

    expect(answer.status).toBe(400);
    expect(answer.body['errors']).toEqual([
      { path: 'Idempotency-Key', message: expect.stringMatching(/1 to 255 printable/) },
    ]);
    expect(fixture.effects).toHaveLength(0);
  });

  it('refuses the header sent twice with 400, without acting', async () => {
    const { port } = new URL(platform.api.base);
    const status = await new Promise<number>((resolve, reject) => {
      const sent = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/fixture/charges',
          headers: {
            authorization: `Bearer ${alice.adminToken}`,
            'content-type': 'application/json',
            'idempotency-key': [randomUUID(), randomUUID()],
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      sent.on('error', reject);
      sent.end(JSON.stringify({ amount: 100 }));
    });

    expect(status).toBe(400);
    expect(fixture.effects).toHaveLength(0);
  });

  it('takes a key of 255 printable characters', async () => {
    const answer = await charge(alice.adminToken, `${'~'.repeat(200)} ${randomUUID()}`.slice(-255), {
      amount: 100,
    });
    expect(answer.status).toBe(201);
  });

  it('refuses a request with a key while Redis is away (503), rather than risk acting twice', async () => {
    const gateway = await createGatewayApp(
      { ...platform.gatewayConfig, redisUrl: 'redis://127.0.0.1:1' },
      { modules: [FixtureChargeModule] },
    );
    try {
      await gateway.app.listen({ port: 0, host: '127.0.0.1' });
      const base = (await gateway.app.getUrl()).replace('[::1]', '127.0.0.1');

      const withKey = await charge(alice.adminToken, randomUUID(), { amount: 100 }, base);
      expect(withKey.status).toBe(503);
      expect(withKey.headers.get('retry-after')).toBe('5');
      expect(fixture.effects).toHaveLength(0);

      // Without a key the client asked for no protection: the limiter fails open, so it runs.
      const withoutKey = await charge(alice.adminToken, undefined, { amount: 100 }, base);
      expect(withoutKey.status).toBe(201);
      expect(fixture.effects).toHaveLength(1);
    } finally {
      await gateway.close();
    }
  });
});
