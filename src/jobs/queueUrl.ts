/**
 * Where the job queue lives: `redis://[user:password@]host[:port][/db][?queue=name]`
 * (`rediss://` for TLS), given with `--queue` or the environment variable `EV_COSIM_QUEUE`.
 */
import { InputError } from '../common/errors.js';

/** Environment variable read when no `--queue` is given. */
export const QUEUE_ENV = 'EV_COSIM_QUEUE';

/** Default queue name (several studies may share it: task ids are content hashes). */
export const DEFAULT_QUEUE_NAME = 'ev-cosim';

/** A parsed queue address. */
export interface QueueAddress {
  /** Connection options for BullMQ / ioredis. */
  readonly connection: {
    readonly host: string;
    readonly port: number;
    readonly db: number;
    readonly username?: string;
    readonly password?: string;
    readonly tls?: Record<string, never>;
  };
  /** BullMQ queue name (`?queue=`; default {@link DEFAULT_QUEUE_NAME}). */
  readonly queueName: string;
  /** The URL without its password, for messages. */
  readonly display: string;
}

/**
 * Parse a queue URL; without one, read `EV_COSIM_QUEUE`.
 *
 * @param url - `--queue` as given (undefined: the environment variable)
 * @param field - how it was given, for messages [`--queue`]
 * @throws InputError when neither is set or the URL is not a redis URL
 * @example
 * parseQueueUrl('redis://127.0.0.1:6390/2?queue=study').connection.db; // 2
 */
export function parseQueueUrl(url: string | undefined, field = '--queue'): QueueAddress {
  const text = url ?? process.env[QUEUE_ENV];
  const source = url === undefined ? QUEUE_ENV : field;
  if (text === undefined || text.trim() === '') {
    throw new InputError({ source: 'ev-cosim', field, value: text ?? '' }, `a queue address is needed: give ${field} redis://host:port/db or set ${QUEUE_ENV}`);
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new InputError({ source: 'ev-cosim', field: source, value: text }, 'is not a URL; expected redis://host:port/db, e.g. redis://127.0.0.1:6379/0');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new InputError({ source: 'ev-cosim', field: source, value: text }, `scheme "${parsed.protocol}" is not redis: or rediss:`);
  }
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const dbText = parsed.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new InputError({ source: 'ev-cosim', field: source, value: text }, `database "${dbText}" must be an integer ≥ 0`);
  const queueName = parsed.searchParams.get('queue') ?? DEFAULT_QUEUE_NAME;
  if (!/^[A-Za-z0-9_.-]+$/.test(queueName)) throw new InputError({ source: 'ev-cosim', field: source, value: queueName }, 'queue name may hold only letters, digits, "_", "." and "-"');
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const username = parsed.username === '' ? undefined : decodeURIComponent(parsed.username);
  const password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  return {
    connection: {
      host,
      port,
      db,
      ...(username !== undefined ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
      ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    },
    queueName,
    display: `${parsed.protocol}//${host}:${port}/${db}${queueName === DEFAULT_QUEUE_NAME ? '' : `?queue=${queueName}`}`,
  };
}
