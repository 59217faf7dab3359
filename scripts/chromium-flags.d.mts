/** The switches of every run, with or without the extension: no sandbox or GPU here, no outside hosts. */
export const CHROMIUM_SWITCHES: readonly string[];
/** Chromium switches that load the unpacked extension in `extensionDir` (several joined by commas). */
export function chromiumArgs(extensionDir: string): string[];
