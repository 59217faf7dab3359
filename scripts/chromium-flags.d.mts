/** Chromium switches that load the unpacked extension in `extensionDir`. */
export function chromiumArgs(extensionDir: string): string[];
