import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.ts';
import { RateWindow, type RateLimiter, type RateLimiters, type RateTaken } from './rate-window.ts';

const KEY_PREFIX = 'pathways:rate:';

/**
 * The same sliding window as RateWindow, as one atomic script on a sorted set of event times,
 * so every node counts into one window. Redis's clock, not each node's, decides what has left
 * the window; a refused event adds nothing. Returns -1 when taken, else milliseconds to wait.
 * (rate-limiter-flexible would bring fixed windows that count refused tries: another limit.)
 */
const TAKE_SCRIPT = `
local key, limit, window = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) + window - now
end
redis.call('ZADD', key, now, ARGV[3])
redis.call('PEXPIRE', key, window)
return -1
`;

type RateRedis = Redis & {
  takeRateWindow(key: string, limit: number, windowMs: number, eventId: string): Promise<number>;
};

/**
 * Rate limits shared by every node on one Redis. Redis keeps only each key's events of the last
 * window (they expire with it), nothing durable. While Redis is unreachable each node falls back
 * to its own window: the limits then hold per node instead of across them, and no request
 * waits on Redis or fails because of it.
 */
export class RedisRateLimiters {
  private readonly redis: RateRedis;
  private readonly nodeId = randomUUID();
  private events = 0;
  private fallingBack = false;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    // A command while Redis is away fails at once, so the local window answers without delay.
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 200,
    }) as RateRedis;
    this.redis.defineCommand('takeRateWindow', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.redis.on('error', (error: Error) =>
      this.logger.debug({ error: error.message }, 'Redis connection error (rate limits)'),
    );
  }

  readonly limiters: RateLimiters = (name, limit, windowMs) => {
    const local = new RateWindow(limit, windowMs);
    return {
      take: async (key: string): Promise<RateTaken> => {
        try {
          const waitMs = await this.redis.takeRateWindow(
            `${KEY_PREFIX}${name}:${key}`,
            limit,
            windowMs,
            `${this.nodeId}:${++this.events}`,
          );
          this.noteRedis(true);
          return waitMs < 0
            ? { ok: true }
            : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
        } catch (error) {
          this.noteRedis(false, error);
          return local.take(key);
        }
      },
    } satisfies RateLimiter;
  };

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  /** Logs the switch to and from the per-node fallback once each, not once per request. */
  private noteRedis(reachable: boolean, error?: unknown): void {
    if (reachable === !this.fallingBack) return;
    this.fallingBack = !reachable;
    if (reachable) this.logger.info('Redis is back; rate limits hold across nodes again');
    else
      this.logger.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'Redis unreachable; rate limits hold per node until it is back',
      );
  }
}
