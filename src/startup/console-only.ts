/**
 * Said on stderr when the terminal chat ran because no platform token is set and its input closed before
 * a single line: what a service started without its settings looks like (it would otherwise exit 0 in
 * silence and look healthy).
 */
export const CONSOLE_ONLY_NOTICE =
  'guidepost: no Slack or Discord token is configured (SLACK_BOT_TOKEN, DISCORD_TOKEN), so only the terminal chat ran, and its input closed before anything was typed\n';
