import type { Plugin } from 'esbuild';

/** See json-packages.mjs. */
export declare const jsonPackages: Plugin;
