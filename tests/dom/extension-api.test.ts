// @vitest-environment happy-dom
// The content script's seam to the extension: which global it takes for the API, and how it
// answers messages (through sendResponse, which Chrome and Firefox both honour).
import { describe, expect, it, vi } from 'vitest';
import { Extension, pickExtensionApi, type ExtensionApi, type MessageSender } from '../../src/content/extension-api.js';

type Listener = (message: unknown, sender: MessageSender, sendResponse: (reply: unknown) => void) => boolean | undefined;

/** An API object like the browser's, recording the listeners added to it. */
function fakeApi(sendMessage: (message: unknown) => Promise<unknown> = () => Promise.resolve(undefined)) {
  const listeners: Listener[] = [];
  const changes: (() => void)[] = [];
  const area = { get: () => Promise.resolve({}), set: () => Promise.resolve() };
  const api: ExtensionApi = {
    runtime: { id: 'chiplens', sendMessage, onMessage: { addListener: (listener) => listeners.push(listener) } },
    storage: { sync: area, local: { ...area }, onChanged: { addListener: (listener) => changes.push(listener) } },
  };
  return { api, listeners, changes };
}

describe('picking the extension API', () => {
  const chrome = fakeApi().api;
  const firefox = fakeApi().api;

  it('takes `browser` where the browser defines it, else `chrome`', () => {
    expect(pickExtensionApi({ browser: firefox, chrome })).toBe(firefox);
    expect(pickExtensionApi({ chrome })).toBe(chrome);
  });

  it('does not take a page element, a list of them or a frame named "browser" for the API', () => {
    const form = document.createElement('form');
    form.id = 'browser';
    const runtime = document.createElement('input');
    runtime.name = 'runtime';
    runtime.id = 'looks-like-an-id';
    form.append(runtime);
    document.body.append(form, form.cloneNode(true));
    expect(pickExtensionApi({ browser: form, chrome })).toBe(chrome);
    expect(pickExtensionApi({ browser: document.getElementsByTagName('form'), chrome })).toBe(chrome);
    expect(pickExtensionApi({ browser: window, chrome })).toBe(chrome);
    const crossOrigin = new Proxy({}, { get: () => { throw new DOMException('Blocked a frame', 'SecurityError'); } });
    expect(pickExtensionApi({ browser: crossOrigin, chrome })).toBe(chrome);
    expect(pickExtensionApi({ browser: { runtime: {} }, chrome })).toBe(chrome);
  });
});

describe('the content script extension seam', () => {
  it('answers a message through sendResponse, keeping the channel open until the reply is ready', async () => {
    const { api, listeners } = fakeApi();
    new Extension(api).onMessage((message) => (message === 'ask' ? Promise.resolve({ revealed: true }) : undefined));
    const listener = listeners[0] as Listener;
    const sendResponse = vi.fn();

    expect(listener('not for us', { id: 'chiplens' }, sendResponse)).toBe(false);
    expect(listener('ask', { id: 'chiplens' }, sendResponse)).toBe(true);
    await Promise.resolve();
    expect(sendResponse.mock.calls).toEqual([[{ revealed: true }]]);
  });

  it('answers with nothing rather than leaving the sender waiting when the reply fails', async () => {
    const { api, listeners } = fakeApi();
    new Extension(api).onMessage(() => Promise.reject(new Error('no session')));
    const sendResponse = vi.fn();
    expect((listeners[0] as Listener)('ask', {}, sendResponse)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sendResponse.mock.calls).toEqual([[undefined]]);
  });

  it('turns a send that throws at once (a script left behind by an update) into a rejection', async () => {
    const { api } = fakeApi(() => {
      throw new Error('Extension context invalidated.');
    });
    await expect(new Extension(api).send({ type: 'page-summary-changed', distinctChips: 1 })).rejects.toThrow('invalidated');
  });

  it('passes sends, the storage areas and storage changes through', async () => {
    const sent: unknown[] = [];
    const { api, changes } = fakeApi((message) => {
      sent.push(message);
      return Promise.resolve([]);
    });
    const extension = new Extension(api);
    await expect(extension.send({ type: 'get-entity-details', ids: ['nvidia-h100'] })).resolves.toEqual([]);
    expect(sent).toEqual([{ type: 'get-entity-details', ids: ['nvidia-h100'] }]);
    expect(extension.id).toBe('chiplens');
    expect(extension.sync).toBe(api.storage.sync);
    expect(extension.local).toBe(api.storage.local);
    const changed = vi.fn();
    extension.onStorageChanged(changed);
    changes[0]?.();
    expect(changed).toHaveBeenCalledTimes(1);
  });
});
