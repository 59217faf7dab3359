// The one import point for WebExtension APIs: tests mock this file, and the polyfill can be
// dropped here alone once every supported browser has promise-based `browser.*`.
import browser from 'webextension-polyfill';

export default browser;
