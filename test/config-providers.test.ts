import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCredentials, outsideParties } from '../src/app/providers.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { EasyPostStandIn } from './support/easypost-stand-in.ts';
import { runToExit } from './support/serve.ts';
import { StripeStandIn } from './support/stripe-stand-in.ts';

function problemsOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the configuration was accepted');
}

/** Runs `sendback serve` until it exits (or is stopped after `ms`); answers its exit and output. */
function serve(env: Record<string, string>, ms = 20_000) {
  return runToExit(
    ['bin/sendback.js', 'serve'],
    { PORT: '0', SENDBACK_WORKERS: 'off', ...env },
    ms,
  );
}

describe('provider configuration', () => {
  it('names each missing secret of a chosen provider', () => {
    expect(problemsOf({ SENDBACK_REFUND_PROVIDER: 'stripe' }).map((p) => p.variable)).toEqual([
      'STRIPE_SECRET_KEY',
      'STRIPE_WEBHOOK_SECRET',
    ]);
    expect(
      problemsOf({ SENDBACK_LABEL_PROVIDER: 'shippo', SENDBACK_TRACKING_PROVIDER: 'easypost' }).map(
        (p) => p.variable,
      ),
    ).toEqual(['SHIPPO_API_KEY', 'EASYPOST_API_KEY', 'EASYPOST_WEBHOOK_SECRET']);
  });

  it('names a secret that is not the kind the provider issues, without repeating it', () => {
    const problems = problemsOf({
      SENDBACK_REFUND_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'pk_test_publishable0123456789',
      STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdef',
      EASYPOST_API_KEY: 'sk_test_not_an_easypost_key',
    });
    expect(problems.map((p) => p.variable)).toEqual(['EASYPOST_API_KEY', 'STRIPE_SECRET_KEY']);
    expect(JSON.stringify(problems)).not.toContain('publishable0123456789');
  });

  it('defaults to the simulated providers, which need nothing', () => {
    expect(loadConfig({}).providers).toMatchObject({
      labels: { kind: 'simulated' },
      tracking: { kind: 'none' },
      refunds: { kind: 'simulated' },
    });
  });

  describe('a key the provider refuses', () => {
    let stripe: StripeStandIn;
    let easypost: EasyPostStandIn;
    beforeAll(async () => {
      stripe = await StripeStandIn.start();
      easypost = await EasyPostStandIn.start({
        apiKey: 'EZTKtherightkey0123456789',
        webhookSecret: 'easypost-webhook-secret-0123',
      });
    });
    afterAll(async () => {
      await stripe.close();
      await easypost.close();
    });

    const env = (stripeKey: string, easypostKey: string) => ({
      SENDBACK_REFUND_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: stripeKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_BASE: `http://127.0.0.1:${stripe.port}`,
      SENDBACK_LABEL_PROVIDER: 'easypost',
      EASYPOST_API_KEY: easypostKey,
      EASYPOST_API_BASE: easypost.baseUrl,
    });

    it('is found by one authenticated read, and the right keys pass', async () => {
      const right = loadConfig(env(stripe.secretKey, 'EZTKtherightkey0123456789'));
      expect(await checkCredentials(right.providers, outsideParties(right.providers))).toEqual({
        refused: [],
        unreachable: [],
      });
      const wrong = loadConfig(env('sk_test_wrongwrongwrong000', 'EZTKthewrongkey0123456789'));
      const checked = await checkCredentials(wrong.providers, outsideParties(wrong.providers));
      expect(checked.refused.map((r) => r.variable)).toEqual([
        'EASYPOST_API_KEY',
        'STRIPE_SECRET_KEY',
      ]);
      expect(JSON.stringify(checked)).not.toMatch(/wrongwrongwrong000|thewrongkey0123456789/);
    });

    it('stops `sendback serve` at start with exit code 1, naming the variable', async () => {
      const result = await serve(env('sk_test_wrongwrongwrong000', 'EZTKtherightkey0123456789'));
      expect(result.code).toBe(1);
      expect(result.output).toContain('STRIPE_SECRET_KEY');
      expect(result.output).not.toContain('EASYPOST_API_KEY');
      expect(result.output).not.toContain('wrongwrongwrong000');
    });
  });
});
