import type { CardModel, TextPart } from '../../core/card/card-model.js';
import type { CardSection } from '../../core/settings.js';

/**
 * Builds the card's DOM from its model with createElement and textContent only: page text
 * reaches the card as text, never as markup.
 */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== undefined) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function sentence(parts: readonly TextPart[]): HTMLElement {
  const item = element('li', 'sentence');
  for (const part of parts) item.append(part.emphasis ? element('mark', undefined, part.text) : document.createTextNode(part.text));
  return item;
}

/** What the card's controls can ask of the page. */
export interface CardActions {
  /** Scroll to the first mention of another entity and open its card. */
  jumpTo(entityId: string): void;
}

/** The card for `model`, with only the sections the reader keeps on. */
export function renderCard(model: CardModel, actions: CardActions, sections: Record<CardSection, boolean>): HTMLElement {
  const card = element('div', 'card');
  card.setAttribute('role', 'tooltip');
  card.id = 'chiplens-card';

  const header = element('header');
  header.append(element('h2', 'name', model.name));
  if (model.subtitle !== '') header.append(element('p', 'subtitle', model.subtitle));
  card.append(header, element('p', 'summary', model.summary));

  if (model.link !== undefined) {
    const link = element('a', 'more', 'Your link');
    link.href = model.link;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    card.append(link);
  }

  if (sections.article) {
    const article = element('section', 'article');
    article.append(element('h3', undefined, 'In this article'));
    const sentences = element('ul', 'sentences');
    if (model.here !== undefined) sentences.append(sentence(model.here));
    for (const more of model.more) sentences.append(sentence(more));
    if (sentences.childElementCount > 0) article.append(sentences);
    article.append(element('p', 'count', model.countLine));
    card.append(article);
  }

  if (sections.figures && model.facts.length > 0) {
    const facts = element('dl', 'facts');
    for (const fact of model.facts) {
      const value = element('dd');
      value.append(element('span', 'value', fact.value), element('span', 'as-of', ` (${fact.asOf}, `));
      const link = element('a', 'source', fact.sourceName);
      link.href = fact.source;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      value.append(link, element('span', 'as-of', ')'));
      facts.append(element('dt', undefined, fact.label), value);
    }
    card.append(facts);
  }

  if (sections.comparison && model.comparison !== undefined) {
    const table = element('table', 'comparison');
    const head = element('tr');
    head.append(element('th'));
    for (const column of model.comparison.columns) head.append(element('th', undefined, column));
    table.append(head);
    for (const row of model.comparison.rows) {
      const line = element('tr');
      line.append(element('th', undefined, row.label));
      for (const value of row.values) line.append(element('td', undefined, value));
      table.append(line);
    }
    card.append(table);
  }

  if (sections.alongside && model.alongside.length > 0) {
    const alongside = element('section', 'alongside');
    alongside.append(element('h3', undefined, 'Named alongside'));
    const list = element('div', 'chips');
    for (const other of model.alongside) {
      const button = element('button', 'chip', other.name);
      button.type = 'button';
      button.addEventListener('click', () => actions.jumpTo(other.entityId));
      list.append(button);
    }
    alongside.append(list);
    card.append(alongside);
  }
  return card;
}
