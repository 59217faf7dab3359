// The content script: wires the page index, the highlighter, the card and the followers.
import browser from '../browser.js';
import { ChipLensEngine } from '../core/index.js';
import { isContentMessage } from '../core/messages.js';
import { DEFAULT_SETTINGS } from '../core/settings.js';
import { ArticleContext } from './article-context.js';
import { CardController } from './card/card-controller.js';
import { createHighlighter } from './highlighter.js';
import { followPointer } from './hover.js';
import { MutationFollower } from './mutation-follow.js';
import { PageIndex } from './page-index.js';
import { PageScanner } from './page-scanner.js';

async function start(): Promise<void> {
  // Editors in design mode are all user input; there is nothing to read there.
  if (document.designMode === 'on' || document.documentElement === null) return;
  if (document.readyState !== 'complete') await new Promise((resolve) => addEventListener('load', resolve, { once: true }));

  const settings = DEFAULT_SETTINGS;
  const controller = new AbortController();
  const engine = new ChipLensEngine();
  const index = new PageIndex(engine);
  const highlighter = createHighlighter(settings);
  const article = new ArticleContext(engine, index);
  const cards = new CardController(engine, index, article);
  const scanner = new PageScanner(index, highlighter, controller.signal);

  let address = location.href;
  const follower = new MutationFollower(index, scanner, () => {
    // A single-page app changed its address: the article is another one now.
    if (location.href !== address) {
      address = location.href;
      article.refresh();
    }
  }, controller.signal);
  scanner.onShadowRoot = (root) => follower.observe(root);
  follower.observe(document);
  followPointer(index, cards, () => settings, controller.signal);

  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || !isContentMessage(message)) return undefined;
    if (message.type === 'next-mention') cards.next();
    return undefined;
  });

  await scanner.scan([document.body ?? document.documentElement]);
  article.refresh();
}

void start();
