"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * Shows a `<dialog>` as a modal while `open` is true. `onClosed` runs however
 * it closes (Escape, Cancel, `close()`), so `open` follows the dialog; the
 * browser returns focus to where it was when the dialog opened.
 */
export function useModalDialog(open: boolean, onClosed: () => void) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const close = useCallback(() => ref.current?.close(), []);

  const onClose = (event: React.SyntheticEvent<HTMLDialogElement>) => {
    // React passes a nested dialog's close event up its component tree, portals included.
    if (event.target === event.currentTarget) onClosed();
  };

  return { props: { ref, onClose }, close };
}
