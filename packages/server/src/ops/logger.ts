import pino, { type DestinationStream, type Logger } from 'pino';

/** Fields whose values must never reach a log line, wherever they appear one level deep. */
export const redactedPaths = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'url',
  '*.url',
  'token',
  '*.token',
  'csrfToken',
  '*.csrfToken',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** JSON lines (pino) with secrets censored; `destination` defaults to stdout. */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: redactedPaths, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
