/** `npm run backup -- <file>`: a consistent copy of STORE_FILE, safe while the bot runs. */
import { backupStore } from '../store/backup.js';
import { runStoreCommand, storeCommandArgs } from './store-command.js';

runStoreCommand('backup', async () => {
  const { storeFile, file } = storeCommandArgs('backup');
  const { people } = await backupStore(storeFile, file);
  return `Backed up ${storeFile} (${people === 1 ? '1 person' : `${people} people`}) to ${file}`;
});
