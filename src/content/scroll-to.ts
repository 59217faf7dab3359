/** Scrolls a mention's line to the middle of the view, smoothly unless the reader asked for less motion. */
export function scrollToRange(range: Range): void {
  const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
}
