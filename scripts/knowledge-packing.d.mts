import type { Plugin } from 'esbuild';

/** Loads each knowledge data file as its packed entities, with one string table for all. */
export const matchingDataOnly: Plugin;
