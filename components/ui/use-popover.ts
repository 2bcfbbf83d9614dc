'use client';

import { useEffect, useId, useRef, useState } from 'react';

/**
 * A button that opens a small panel under it (settings, account): the panel closes on a pointer
 * down outside `rootRef` and on Escape, which also gives focus back to the button so keyboard
 * users are not left on a hidden element.
 *
 *   const { rootRef, buttonRef, buttonProps, panelProps } = usePopover();
 *   <div ref={rootRef}>
 *     <button ref={buttonRef} {...buttonProps}>…</button>
 *     <div role="group" {...panelProps}>…</div>
 *   </div>
 *
 * (Destructure it: the React lint rule takes a whole object holding refs for a ref.)
 */
export function usePopover() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return {
    open,
    rootRef,
    buttonRef,
    buttonProps: { type: 'button', 'aria-expanded': open, 'aria-controls': panelId, onClick: () => setOpen((was) => !was) } as const,
    panelProps: { id: panelId, hidden: !open },
  };
}
