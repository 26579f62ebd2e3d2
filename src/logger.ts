import pino from 'pino';

/**
 * Structured logs on stderr, so they never mix with the console chat on stdout.
 * Nothing logs what people type; the redaction below is a second line of defence for secrets.
 */
export function createLogger(level: string) {
  return pino(
    {
      level,
      base: { app: 'guidepost' },
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'text', '*.text'],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}
export type AppLogger = ReturnType<typeof createLogger>;
