/** What the Slack adapter needs from the settings, and nothing else (built by the composition root). */
export interface SlackConfig {
  /** SLACK_BOT_TOKEN (xoxb-). */
  botToken: string | undefined;
  /** SLACK_APP_TOKEN (xapp-): Socket Mode when set, else HTTP. */
  appToken?: string | undefined;
  /** SLACK_SIGNING_SECRET: required in HTTP mode. */
  signingSecret?: string | undefined;
  /** SLACK_API_URL: another Web API (a test's loopback fake); slack.com when unset. */
  apiUrl?: string | undefined;
  /** SLACK_STAFF_CHANNEL: where staff notices go (the bot must be a member). */
  staffChannel?: string | undefined;
  /** HTTP mode: PORT, and the interface to listen on (all of them when unset; tests use 127.0.0.1). */
  port: number;
  host?: string | undefined;
  /** HTTP mode: REQUEST_TIMEOUT_SECONDS, how long a slow request may take to arrive. */
  requestTimeoutSeconds: number;
  /** SLACK_QUEUE_LIMIT: work accepted and not yet finished, across everyone, before people are told the bot is busy. */
  queueLimit: number;
}
