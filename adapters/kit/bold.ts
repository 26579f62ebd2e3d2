const BOLD = /\*\*(.+?)\*\*/g;

/** The core's `**bold**` markers, as each platform writes bold. */
export const BOLD_MARKERS = {
  /** Discord's markdown: kept as it is. */
  markdown: { open: '**', close: '**' },
  /** Slack's mrkdwn. */
  mrkdwn: { open: '*', close: '*' },
  /** Plain text fields (button labels, headers, a pipe): no markup. */
  plain: { open: '', close: '' },
} as const;

export type BoldMarker = { open: string; close: string };

/** Rewrites the core's `**bold**` with a platform's own markers. */
export function convertBold(text: string, marker: BoldMarker): string {
  return text.replace(BOLD, (_, inner: string) => `${marker.open}${inner}${marker.close}`);
}
