import type { StaffServers } from './staff.js';

/** What the Discord adapter needs from the settings, and nothing else (built by the composition root). */
export interface DiscordConfig {
  /** DISCORD_TOKEN. */
  token: string | undefined;
  /** DISCORD_APPLICATION_ID; asked of Discord when unset. */
  applicationId?: string | undefined;
  /** DISCORD_GUILD_ID: register the commands to this server only; globally when unset. */
  guildId?: string | undefined;
  /** DISCORD_API_URL: another REST API (a test's loopback fake); discord.com when unset. */
  apiUrl?: string | undefined;
  /** Where Discord's word on who is staff counts (DISCORD_GUILD_ID, DISCORD_STAFF_GUILD_IDS, DISCORD_ADMIN_ROLE_ID). */
  staffServers: StaffServers;
  /** DISCORD_STAFF_CHANNEL_ID: where staff notices go; dropped with a warning when unset. */
  staffChannelId?: string | undefined;
  /** Timings; the defaults suit Discord itself. Tests shorten them. */
  tuning?: Partial<DiscordTuning>;
}

export interface DiscordTuning {
  /** REST retries on 5xx and network errors. */
  restRetries: number;
  /** REST request timeout. */
  restTimeoutMs: number;
  /** How long to wait for the gateway's READY (and the guilds) before giving up at start-up. */
  readyTimeoutMs: number;
  /**
   * Defer an interaction whose answer is not ready after this long (Discord allows 3 s); 0 defers at once.
   * Never before the core has claimed it for this instance (several instances may receive it).
   */
  deferAfterMs: number;
  /** How long `stop()` lets answers in flight finish before destroying the client. */
  stopGraceMs: number;
}
