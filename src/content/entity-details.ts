import type { Entity } from '../core/knowledge/schema.js';
import { MAX_DETAIL_IDS, isEntityDetailsList, type BackgroundMessage, type EntityDetails } from '../core/messages.js';
import { extension } from './extension-api.js';

/**
 * Summaries and facts for the cards, asked of the background once per entity: the content
 * script carries only what matching needs, which keeps what every page loads small.
 */
export class EntityDetailsCache {
  readonly #known = new Map<string, EntityDetails>();
  readonly #pending = new Map<string, Promise<void>>();

  /** Asks for the details of every id not known or asked for yet. */
  fetch(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.#known.has(id) && !this.#pending.has(id) && !id.startsWith('user-'));
    const waits = [...new Set(ids)].flatMap((id) => {
      const pending = this.#pending.get(id);
      return pending === undefined ? [] : [pending];
    });
    for (let i = 0; i < missing.length; i += MAX_DETAIL_IDS) {
      const ids = missing.slice(i, i + MAX_DETAIL_IDS);
      const message: BackgroundMessage = { type: 'get-entity-details', ids };
      const request = extension
        .send(message)
        .then((reply: unknown) => {
          if (isEntityDetailsList(reply)) for (const details of reply) this.#known.set(details.id, details);
        })
        .catch(() => undefined)
        .finally(() => {
          for (const id of ids) this.#pending.delete(id);
        });
      for (const id of ids) this.#pending.set(id, request);
      waits.push(request);
    }
    return Promise.all(waits).then(() => undefined);
  }

  /** The entity with its card details filled in, where they are known. */
  complete(entity: Entity): Entity {
    const details = this.#known.get(entity.id);
    return details === undefined ? entity : { ...entity, summary: details.summary, facts: details.facts };
  }

  has(id: string): boolean {
    return this.#known.has(id) || id.startsWith('user-');
  }
}
