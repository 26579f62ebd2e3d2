import pino from 'pino';

/**
 * Structured logs on stderr (or `destination`: the console's log file), never mixed with the chat on stdout.
 * Nothing logs what people type; the redaction below is a second line of defence for secrets.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      base: { app: 'guidepost' },
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'text', '*.text'],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
}
export type AppLogger = ReturnType<typeof createLogger>;
