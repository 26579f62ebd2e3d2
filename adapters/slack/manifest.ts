import { ADMIN_COMMAND, COMMAND } from './parse.js';

/** What slack-manifest.json and the README must declare for the listeners (a test checks both). */
export const MANIFEST = {
  commands: [COMMAND, ADMIN_COMMAND],
  events: ['app_home_opened', 'message.im'],
  /** Bot scope -> what needs it. views.publish (the Home tab) needs none. */
  scopes: {
    commands: `${COMMAND}, ${ADMIN_COMMAND}`,
    'chat:write': 'chat.postMessage, chat.update (DMs and the staff channel)',
    'im:write': 'conversations.open (the DM)',
    'im:history': 'message.im events (typing in the DM)',
    'users:read': 'users.info (language, time zone, workspace admins and owners)',
    'files:write': 'files.uploadV2 (admin export)',
  },
} as const;
