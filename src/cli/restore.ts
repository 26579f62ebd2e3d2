/** `npm run restore -- <file>`: puts a backup back as STORE_FILE, with the bot stopped. */
import { restoreStore } from '../store/restore.js';
import { runStoreCommand, storeCommandArgs } from './store-command.js';

runStoreCommand('restore', async () => {
  const { storeFile, file } = storeCommandArgs('restore');
  const { people, aside } = await restoreStore(file, storeFile);
  const kept = aside ? `; the previous store is kept in ${aside}` : '';
  return `Restored ${file} (${people === 1 ? '1 person' : `${people} people`}) as ${storeFile}${kept}`;
});
