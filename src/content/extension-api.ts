/**
 * The content script's one import point for WebExtension APIs, without the polyfill: every
 * page loads this script, and the few calls it makes return promises natively in both
 * browsers (Firefox's `browser.*`, Chrome's `chrome.*` in MV3 from Chrome 120).
 */
import type { BackgroundMessage } from '../core/messages.js';
import type { StorageAreaLike } from '../core/settings-store.js';

export interface MessageSender {
  /** The sending extension's id. */
  id?: string;
}

interface ExtensionEvent<Listener> {
  addListener(listener: Listener): void;
}

/** A message listener as both browsers call it: return true to answer later through `sendResponse`. */
type RawMessageListener = (message: unknown, sender: MessageSender, sendResponse: (reply: unknown) => void) => boolean | undefined;

/** The part of `browser` / `chrome` the content script uses. */
export interface ExtensionApi {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: ExtensionEvent<RawMessageListener>;
  };
  storage: {
    sync: StorageAreaLike;
    local: StorageAreaLike;
    onChanged: ExtensionEvent<() => void>;
  };
}

/**
 * `browser` where it is the browser's own API object (Firefox), else `chrome`. A page element
 * with id "browser" (or a frame with that name) shows up as a global in the content script
 * too: only a plain object with a runtime id is taken for the API.
 */
export function pickExtensionApi(globals: { browser?: unknown; chrome?: unknown }): ExtensionApi {
  const { browser, chrome } = globals;
  try {
    if (Object.prototype.toString.call(browser) === '[object Object]' && typeof (browser as ExtensionApi).runtime.id === 'string') return browser as ExtensionApi;
  } catch {
    // A cross-origin frame named "browser" throws on property access: not the API.
  }
  return chrome as ExtensionApi;
}

/** Messages and storage for the content script, typed to what it sends and reads. */
export class Extension {
  readonly #api: ExtensionApi;

  constructor(api: ExtensionApi) {
    this.#api = api;
  }

  /** This extension's id, to tell its own senders from others. */
  get id(): string {
    return this.#api.runtime.id;
  }

  get sync(): StorageAreaLike {
    return this.#api.storage.sync;
  }

  get local(): StorageAreaLike {
    return this.#api.storage.local;
  }

  /** Sends to the background; the reply is unchecked data for the caller to validate. */
  send(message: BackgroundMessage): Promise<unknown> {
    // Left behind by an update or a removal, the script's calls throw at once ("Extension
    // context invalidated"): that becomes a rejection, as any other failed send.
    return new Promise((resolve) => resolve(this.#api.runtime.sendMessage(message)));
  }

  /**
   * Answers messages from the extension's other contexts: `answer` gives the reply, or
   * undefined to leave the message to another listener. Chrome ignores a promise returned by
   * a listener, so the reply goes through `sendResponse`, which both browsers honour.
   */
  onMessage(answer: (message: unknown, sender: MessageSender) => Promise<unknown> | undefined): void {
    this.#api.runtime.onMessage.addListener((message, sender, sendResponse) => {
      const reply = answer(message, sender);
      if (reply === undefined) return false;
      void reply.then(sendResponse, () => sendResponse(undefined));
      return true;
    });
  }

  /** Calls `listener` after any change to the extension's storage. */
  onStorageChanged(listener: () => void): void {
    this.#api.storage.onChanged.addListener(() => listener());
  }
}

/** The content script's extension APIs. */
export const extension = new Extension(pickExtensionApi(globalThis as { browser?: unknown; chrome?: unknown }));
