// The one import point for WebExtension APIs in the background, options and popup: tests mock
// this file, and the polyfill can be dropped here alone once every supported browser has
// promise-based `browser.*`. The content script, which every page loads, goes without it
// (content/extension-api.ts).
import browser from 'webextension-polyfill';

export default browser;
