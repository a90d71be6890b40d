import { connect } from 'node:net';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { startPostgres } from '../../support/postgres-server.ts';
import { startRedis } from '../../support/redis-server.ts';

/** The test harness's own servers: private, on loopback, stopped by pid and gone afterwards. */

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** One inline Redis command over a plain socket, so this test needs no Redis client. */
function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${command}\r\n`));
    socket.once('data', (data) => {
      resolve(data.toString().trim());
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('test servers', () => {
  test('a private PostgreSQL cluster takes connections on loopback, makes databases, and is gone once stopped', async () => {
    const server = await startPostgres();
    try {
      const url = await server.createDatabase('harness check');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ db: string; addr: string }>(
        'SELECT current_database() AS db, host(inet_server_addr()) AS addr',
      );
      await client.end();
      expect(rows[0]).toEqual({ db: 'harness check', addr: '127.0.0.1' });
    } finally {
      await server.stop();
    }
    expect(isAlive(server.pid)).toBe(false);
  });

  test('a private Redis answers on loopback, keeps nothing across a restart, and is gone once stopped', async () => {
    const first = await startRedis();
    expect(await redisCommand(first.port, 'SET kept 1')).toBe('+OK');
    await first.stop();
    expect(isAlive(first.pid)).toBe(false);
    const second = await startRedis(first.port);
    try {
      expect(await redisCommand(second.port, 'EXISTS kept')).toBe(':0');
    } finally {
      await second.stop();
    }
  });
});
