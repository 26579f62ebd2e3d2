import { createMemoryStore } from '../../src/store/memory.js';
import { storeContract } from './contract.js';

storeContract('memory', async () => {
  let now = Date.parse('2026-11-27T10:00:00Z');
  return {
    store: createMemoryStore(() => now),
    advance: (ms) => {
      now += ms;
    },
  };
});
