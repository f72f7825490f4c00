/**
 * Scrolls the nearest `[data-scroller]` ancestor so that `element` is at its top (or its end at the
 * bottom). Unlike scrollIntoView, it never moves other ancestors, such as the page or the app shell.
 */
export function scrollWithin(element: HTMLElement, block: 'start' | 'end' = 'start'): void {
  const scroller = element.closest<HTMLElement>('[data-scroller]');
  if (!scroller) return;
  const offset =
    element.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
  const top = block === 'start' ? offset - 12 : offset + element.offsetHeight - scroller.clientHeight;
  scroller.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
}
