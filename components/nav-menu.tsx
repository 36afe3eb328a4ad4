"use client";
// The header's sections and the signed-in person behind one "Menu" button on a narrow screen (CSS shows the button
// below 760px and hides the panel until it is opened); on a desktop the panel is simply laid out in the bar. The
// panel closes again when a link takes the person to another page.
import { usePathname } from "next/navigation";
import { useEffect, useId, useState, type ReactNode } from "react";

export function NavMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState(pathname);
  // Another page: the menu has done its job.
  if (open && openedAt !== pathname) setOpen(false);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="nav-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpenedAt(pathname);
          setOpen((v) => !v);
        }}
      >
        <span className="nav-toggle-bars" aria-hidden="true" />
        Menu
      </button>
      <div id={panelId} className="nav-panel" data-open={open}>
        {children}
      </div>
    </>
  );
}
