// Where the pointer goes to open a card on the demo article: `npm start` and the screenshots
// hover the same first chip, scrolled to the same place.

/** Scrolls the page's first highlighted chip a third of the way down (room for the card below) and returns its centre. */
export function pointAtFirstChip(page) {
  return page.evaluate(() => {
    const [stored] = CSS.highlights.get('chiplens-chip');
    const range = document.createRange();
    range.setStart(stored.startContainer, stored.startOffset);
    range.setEnd(stored.endContainer, stored.endOffset);
    const top = range.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, Math.max(0, top - window.innerHeight / 3));
    const box = range.getClientRects()[0];
    return { text: range.toString(), x: box.left + box.width / 2, y: box.top + box.height / 2 };
  });
}
