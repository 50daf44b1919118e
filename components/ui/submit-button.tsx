"use client";

import type { ButtonHTMLAttributes, ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonSize, type ButtonTone } from "@/components/ui/button";

/**
 * The submit button of every form: disabled and relabelled while the form is being sent. `pending` comes from
 * `useFormAction` (or `useActionState`); without it the button asks the enclosing `<form action>` itself.
 */
export function SubmitButton({
  pending,
  pendingLabel,
  tone = "primary",
  size = "md",
  className,
  disabled,
  children,
  ...rest
}: {
  pending?: boolean;
  /** Shown while pending; the label stays when there is none. */
  pendingLabel?: ReactNode;
  tone?: ButtonTone;
  size?: ButtonSize;
  children: ReactNode;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "children">) {
  const status = useFormStatus();
  const busy = pending ?? status.pending;
  return (
    <button type="submit" disabled={busy || disabled} className={buttonClass(tone, size, className)} {...rest}>
      {busy && pendingLabel ? pendingLabel : children}
    </button>
  );
}
