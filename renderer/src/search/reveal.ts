/**
 * Opening a search result "at that place": after navigating to the meeting, wait until the
 * agenda item's heading (`item-heading-<id>`, rendered by the agenda panel) exists, then
 * scroll it into view and move focus there. Gives up quietly after a few seconds.
 */
export function revealItemWhenRendered(itemId: string, timeoutMs = 4000): void {
  const started = Date.now();
  const attempt = () => {
    const element = document.getElementById(`item-heading-${itemId}`);
    if (element) {
      element.scrollIntoView({ block: 'start' });
      if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
      element.focus({ preventScroll: true });
      return;
    }
    if (Date.now() - started < timeoutMs) window.setTimeout(attempt, 50);
  };
  window.setTimeout(attempt, 0);
}
