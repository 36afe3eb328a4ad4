import type { ReactNode } from "react";
import "./portal.css";

// Pages for people. The portal's styles on top of the global ones; signing in is enforced one level down.
export default function PortalLayout({ children }: { children: ReactNode }) {
  return children;
}
