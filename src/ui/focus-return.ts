/**
 * Gives the focus back to what had it before a dialog opened, when the dialog is taken out of the page.
 *
 * Most modals of this UI are mounted while open (`{row && <SomeModal opened … />}`): closing one removes
 * it at once, and Mantine's own focus return (which runs when `opened` turns false) never runs, so the
 * keyboard focus fell to the page's body and a keyboard user had to start again from the top (WCAG 2.4.3).
 * Only a removal that leaves the focus nowhere is acted on: a click elsewhere keeps its focus.
 */
export function installDialogFocusReturn(doc: Document = document): () => void {
  let beforeDialog: HTMLElement | null = null;
  const onFocusIn = (event: FocusEvent) => {
    const target = event.target;
    if (target instanceof HTMLElement && !target.closest('[role="dialog"]')) beforeDialog = target;
  };
  const holdsDialog = (node: Node) =>
    node instanceof Element &&
    (node.matches('[role="dialog"]') || node.querySelector('[role="dialog"]') !== null);
  const observer = new MutationObserver((mutations) => {
    const dialogRemoved = mutations.some((m) => [...m.removedNodes].some(holdsDialog));
    if (!dialogRemoved) return;
    const focusLost = doc.activeElement === null || doc.activeElement === doc.body;
    if (focusLost && beforeDialog?.isConnected && doc.querySelector('[role="dialog"]') === null) {
      beforeDialog.focus({ preventScroll: true });
    }
  });
  doc.addEventListener('focusin', onFocusIn);
  observer.observe(doc.body, { childList: true, subtree: true });
  return () => {
    doc.removeEventListener('focusin', onFocusIn);
    observer.disconnect();
  };
}
