import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('config', () => {
  it('has defaults for everything', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './.sendback',
      logLevel: 'info',
      logBufferBytes: 4096,
      clock: 'system',
      adminToken: undefined,
    });
  });

  it('parses given values', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db:5432/sendback',
      SENDBACK_DATA_DIR: '/var/lib/sendback',
      LOG_LEVEL: 'debug',
      SENDBACK_CLOCK: 'manual',
      SENDBACK_ADMIN_TOKEN: 'a-long-enough-admin-token',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db:5432/sendback',
      dataDir: '/var/lib/sendback',
      logLevel: 'debug',
      clock: 'manual',
      adminToken: 'a-long-enough-admin-token',
    });
  });

  it('reads which proxies to trust: none by default, any, or their addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ SENDBACK_TRUST_PROXY: 'on' }).trustProxy).toBe(true);
    expect(
      loadConfig({ SENDBACK_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16, ::1' }).trustProxy,
    ).toEqual(['10.0.0.1', '192.168.0.0/16', '::1']);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_BUFFER_BYTES', '-1'],
    ['LOG_BUFFER_BYTES', 'lots'],
    ['LOG_BUFFER_BYTES', '20000'],
    ['SENDBACK_CLOCK', 'sundial'],
    ['SENDBACK_ADMIN_TOKEN', 'short'],
    ['SENDBACK_TRUST_PROXY', 'sometimes'],
    ['SENDBACK_TRUST_PROXY', '10.0.0.1,not-an-address'],
  ])('rejects %s=%s and names the variable', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([variable]);
    expect((error as ConfigError).message).toContain(variable);
  });

  it('stops the program with exit code 1 and the variable named', () => {
    const result = spawnSync(process.execPath, ['bin/sendback.js', 'migrate'], {
      env: { ...process.env, SENDBACK_CLOCK: 'sundial' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SENDBACK_CLOCK');
  });
});
