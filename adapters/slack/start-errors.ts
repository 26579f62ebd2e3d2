import { StartupError } from '../../src/startup/startup-error.js';
import { describeFailure } from './web.js';

type SlackToken = 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN';

const FIX: Record<SlackToken, string> = {
  SLACK_BOT_TOKEN:
    "copy the Bot User OAuth Token (xoxb-) from the app's OAuth & Permissions page (reinstall the app if it was revoked)",
  SLACK_APP_TOKEN:
    "create an app-level token with the connections:write scope on the app's Basic Information page, and turn Socket Mode on",
};

/** The low-level cause of a request that never got Slack's answer: ECONNREFUSED, ENOTFOUND, a timeout. */
function networkCause(error: unknown): string {
  const original = (error as { original?: { code?: unknown; cause?: { code?: unknown } } }).original;
  const code = original?.code ?? original?.cause?.code;
  return typeof code === 'string' ? code : 'no answer';
}

/**
 * Why Slack's Web API failed a start-up call made with `setting`'s token: Slack answered and refused the
 * token (invalid_auth, not_authed, account_inactive, token_revoked, …), or Slack could not be reached at
 * all (connection refused, DNS, timeout, an HTTP error from something in between). Never the token.
 */
export function slackStartError(
  setting: SlackToken,
  method: string,
  apiUrl: string | undefined,
  error: unknown,
): StartupError {
  const { code, error: refusal } = describeFailure(method, error);
  if (code === 'slack_webapi_platform_error' && refusal)
    return new StartupError(setting, `Slack refused this token (${method}: ${refusal})`, FIX[setting]);
  const where = apiUrl ?? 'https://slack.com/api/';
  const why = code === 'slack_webapi_http_error' ? 'an HTTP error' : networkCause(error);
  return new StartupError(
    'SLACK_API_URL',
    `cannot reach Slack at ${where} (${method}: ${why}); the token was not checked`,
    apiUrl
      ? 'check SLACK_API_URL, or unset it to use slack.com'
      : "check this machine's network, DNS, firewall or proxy to slack.com",
  );
}
