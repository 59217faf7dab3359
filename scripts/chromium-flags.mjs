// The switches every Chip Lens run of Debian's Chromium uses (npm start, screenshots, the
// benchmark, the browser tests): load the extension, and keep Chromium from calling outside
// hosts, which this network refuses and which would only be noise in the privacy test.

/** The switches of every run, with or without the extension: no sandbox or GPU here, no outside hosts. */
export const CHROMIUM_SWITCHES = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** Chromium switches that load the unpacked extension in `extensionDir` (several joined by commas). */
export function chromiumArgs(extensionDir) {
  return [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...CHROMIUM_SWITCHES];
}
