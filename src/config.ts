import { existsSync, readFileSync } from 'node:fs';
import { parseEnv as parseEnvFile } from 'node:util';
import { z } from 'zod';
import { GuidepostError } from './core/errors.js';
import { UserKeySchema } from './core/index.js';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const token = (prefix: RegExp, shape: string) =>
  optionalText.refine((v) => v === undefined || prefix.test(v), { message: `expected ${shape}` });

const url = optionalText.refine((v) => v === undefined || URL.canParse(v), {
  message: 'expected an http(s) URL',
});

/** PostgreSQL's address; the message never repeats the value (it holds the password). */
const databaseUrl = optionalText.refine(
  (v) => v === undefined || (/^postgres(ql)?:\/\//.test(v) && URL.canParse(v)),
  { message: 'expected a postgres://user:password@host:5432/database URL' },
);

const discordId = optionalText.refine((v) => v === undefined || /^\d{5,25}$/.test(v), {
  message: 'expected a numeric Discord id',
});

/** Discord server ids whose managers (and staff-role members) are staff; see `discordStaffGuilds`. */
const GUILD_IDS_MESSAGE = 'expected comma-separated numeric Discord server ids';
const guildIds = () =>
  list(z.string().regex(/^\d{5,25}$/, { message: GUILD_IDS_MESSAGE }), GUILD_IDS_MESSAGE);

/** A whole number in [min, max]; one message for every way it can be wrong. */
const wholeNumber = (min: number, max: number, what: string, fallback: number) => {
  const message = `expected ${what} from ${min} to ${max}`;
  return z.coerce
    .number({ message })
    .int({ message })
    .min(min, { message })
    .max(max, { message })
    .default(fallback);
};

/** A comma-separated list, each item checked by `item`. */
const list = (item: z.ZodType<string, string>, message: string) =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item, { message }));

const HEALTH_PORT_MESSAGE = 'expected a port number from 0 to 65535 (0: any free port, logged)';

/** A port of our own to listen on, unset by default (HEALTH_PORT, DASHBOARD_PORT). */
const listenPort = () =>
  optionalText.pipe(
    z.coerce
      .number<string | undefined>({ message: HEALTH_PORT_MESSAGE })
      .int({ message: HEALTH_PORT_MESSAGE })
      .min(0, { message: HEALTH_PORT_MESSAGE })
      .max(65535, { message: HEALTH_PORT_MESSAGE })
      .optional(),
  );

/** The address staff open the dashboard at: http(s), no query or fragment (paths are added to it). */
const dashboardUrl = optionalText.refine(
  (v) => v === undefined || (/^https?:\/\//.test(v) && URL.canParse(v) && !/[?#]/.test(v)),
  { message: 'expected an http(s) address without ? or #, like https://onboarding.example.com' },
);

/** Slack over HTTP: a bot token and no app-level token. */
const httpMode = (c: { SLACK_BOT_TOKEN?: string | undefined; SLACK_APP_TOKEN?: string | undefined }) =>
  Boolean(c.SLACK_BOT_TOKEN) && !c.SLACK_APP_TOKEN;

/** Every setting, from the environment or `.env`. `.env.example` lists them all with their defaults. */
export const ConfigSchema = z
  .object({
    STORE_FILE: z.string().trim().min(1).default('data/onboarding.json'),
    /** PostgreSQL instead of the JSON file: several instances may share it. */
    DATABASE_URL: databaseUrl,
    DEFAULT_LANGUAGE: z.enum(['en', 'zh-CN']).default('en'),
    /** The flow a new person starts with a bare `start` (a file name in src/flows/ without `.json`). */
    DEFAULT_FLOW: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'expected a flow id like "reseller"' })
      .default('reseller'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CONSOLE_USER: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, {
        message: 'expected 1-64 letters, digits, dots, dashes or underscores',
      })
      .default('me'),
    SLACK_BOT_TOKEN: token(/^xoxb-/, 'a bot token starting with xoxb-'),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: token(/^xapp-/, 'an app-level token starting with xapp-'),
    SLACK_API_URL: url,
    PORT: wholeNumber(1, 65535, 'a port number', 3000),
    REQUEST_TIMEOUT_SECONDS: wholeNumber(1, 300, 'seconds', 10),
    SLACK_QUEUE_LIMIT: wholeNumber(1, 100_000, 'a number of requests', 1000),
    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: discordId,
    DISCORD_GUILD_ID: discordId,
    DISCORD_API_URL: url,
    DISCORD_ADMIN_ROLE_ID: discordId,
    DISCORD_STAFF_GUILD_IDS: guildIds(),
    DISCORD_STAFF_CHANNEL_ID: discordId,
    SLACK_STAFF_CHANNEL: optionalText,
    ADMIN_IDS: list(UserKeySchema, 'expected comma-separated keys like slack:T1:U1,console:local:me'),
    REMIND_AFTER_DAYS: wholeNumber(1, 60, 'a whole number of business days', 3),
    HOLIDAYS: list(z.iso.date(), 'expected comma-separated dates like 2026-12-25,2027-01-01'),
    REMINDER_CHECK_MINUTES: wholeNumber(1, 1440, 'minutes', 15),
    HEALTH_PORT: listenPort(),
    /** The staff dashboard's port; off when unset. */
    DASHBOARD_PORT: listenPort(),
    /** Where staff reach the dashboard (sign-in links); http://localhost:<port> when unset. */
    DASHBOARD_URL: dashboardUrl,
  })
  .superRefine((c, ctx) => {
    if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message:
          "required in HTTP mode. Fix: copy the Signing Secret from the Slack app's Basic Information page, or set SLACK_APP_TOKEN for Socket Mode",
      });
    }
    if (c.HEALTH_PORT !== undefined && c.HEALTH_PORT !== 0 && c.HEALTH_PORT === c.PORT && httpMode(c)) {
      ctx.addIssue({
        code: 'custom',
        path: ['HEALTH_PORT'],
        message: 'must differ from PORT in Slack HTTP mode (PORT serves /slack/events)',
      });
    }
    if (c.DASHBOARD_URL && c.DASHBOARD_PORT === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DASHBOARD_PORT'],
        message: 'required when DASHBOARD_URL is set (the port the dashboard listens on)',
      });
    }
    const taken = [c.HEALTH_PORT, httpMode(c) ? c.PORT : undefined];
    if (c.DASHBOARD_PORT !== undefined && c.DASHBOARD_PORT !== 0 && taken.includes(c.DASHBOARD_PORT)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DASHBOARD_PORT'],
        message: 'must differ from HEALTH_PORT (and from PORT in Slack HTTP mode)',
      });
    }
    if ((c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN) && !c.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'required when Slack is configured',
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends GuidepostError {
  readonly code = 'CONFIG_INVALID' as const;
  constructor(readonly problems: string[]) {
    // One problem, one line (what a service's status shows); several, one line each.
    super(
      problems.length === 1
        ? `Invalid setting ${problems[0]}`
        : `Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** Validates settings. Messages name the setting and what was expected, never the value (it may be a secret). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? 'settings')}: ${i.message}`));
}

/** Loads `.env` (if present) under the real environment, which wins, then validates. */
export function loadConfig(envFile = '.env', env: NodeJS.ProcessEnv = process.env): Config {
  if (existsSync(envFile)) {
    const fromFile = parseEnvFile(readFileSync(envFile, 'utf8'));
    for (const [key, value] of Object.entries(fromFile)) if (env[key] === undefined) env[key] = value;
  }
  return parseConfig(env);
}

/**
 * The servers whose word on who is staff counts (Manage Server, DISCORD_ADMIN_ROLE_ID): the one the
 * commands are registered to and DISCORD_STAFF_GUILD_IDS. Anyone can add a public bot to a server they own;
 * there everyone is an ordinary participant.
 */
export function discordStaffGuilds(config: Config): ReadonlySet<string> {
  return new Set([
    ...config.DISCORD_STAFF_GUILD_IDS,
    ...(config.DISCORD_GUILD_ID ? [config.DISCORD_GUILD_ID] : []),
  ]);
}

/** Which adapters run: the console when no platform tokens are set. */
export function adaptersFor(config: Config): ('console' | 'slack' | 'discord')[] {
  const chosen: ('slack' | 'discord')[] = [];
  if (config.SLACK_BOT_TOKEN) chosen.push('slack');
  if (config.DISCORD_TOKEN) chosen.push('discord');
  return chosen.length > 0 ? chosen : ['console'];
}
