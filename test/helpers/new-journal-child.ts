/** Opens a new store at argv[2], saves one record, and exits without closing (for journal-dir-sync.test.ts). */
import { openStore } from '../../src/store/journal-store.js';
import { progressFor } from '../store/contract.js';

const store = await openStore(process.argv[2] as string);
await store.save(progressFor('console:local:ann'));
process.exit(0);
