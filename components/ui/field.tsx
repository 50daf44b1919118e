import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

const inputBaseCls = "block w-full rounded-md border border-stone-500 bg-white px-3 py-2 text-base aria-[invalid=true]:border-bad focus:border-brand-600";
export const inputCls = `mt-1 ${inputBaseCls}`;
/** The small input that sits in a table row or beside a button (44 px tall on a phone): give it a width. */
export const compactInputCls =
  "block rounded-md border border-stone-500 bg-white px-2 py-1.5 text-sm max-sm:min-h-11 aria-[invalid=true]:border-bad focus:border-brand-600";
const labelCls = "block text-sm font-semibold";

/** What a control needs to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

interface FrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Other elements that describe the control (a form-level message, say). */
  describedBy?: string;
  /** Keep the error line's height while empty, so that fields typed row by row do not jump. */
  reserve?: boolean;
  /** The label is for screen readers only (a field in a table row, whose column or row says what it is). */
  labelHidden?: boolean;
  /** Marks the control invalid when its error is shown elsewhere (a form-level message named in `describedBy`). */
  invalid?: boolean;
  errorTestId?: string;
  className?: string;
}

/** Ids of the hint and (when there is one) the error, for `aria-describedby`. */
export function describedBy(id: string, opts: { hint?: boolean; error?: boolean; more?: string }): string | undefined {
  return [opts.hint ? `${id}-hint` : null, opts.error ? `${id}-error` : null, opts.more ?? null].filter(Boolean).join(" ") || undefined;
}

/** The error line under a control; always present (empty when fine), so a new error is announced. */
export function FieldError({ id, error, reserve, testId }: { id: string; error?: string; reserve?: boolean; testId?: string }) {
  return (
    <p id={id} aria-live="polite" className={`mt-1 text-sm font-semibold text-bad ${reserve ? "min-h-5" : "empty:hidden"}`} data-testid={testId}>
      {error ?? ""}
    </p>
  );
}

/**
 * A label, a control, its hint and its error, tied together with `aria-describedby` and `aria-invalid`.
 * The control is rendered by `children` from the props it is handed; `Field`, `SelectField`, `TextareaField`
 * and `CheckboxField` cover the usual ones.
 */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  describedBy: more,
  reserve,
  labelHidden,
  invalid,
  errorTestId,
  className,
  children,
}: FrameProps & { children: (control: ControlProps) => ReactNode }) {
  const control: ControlProps = {
    id,
    "aria-invalid": error || invalid ? true : undefined,
    "aria-describedby": describedBy(id, { hint: Boolean(hint), error: Boolean(error), more }),
  };
  return (
    <div className={className}>
      <label htmlFor={id} className={labelHidden ? "sr-only" : labelCls}>
        {label}
      </label>
      {children(control)}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-muted">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} error={error} reserve={reserve} testId={errorTestId} />
    </div>
  );
}

type Frame = Omit<FrameProps, "className"> & { frameClassName?: string; name: string };

function split<T extends Frame>({ id, label, hint, error, describedBy, reserve, labelHidden, invalid, errorTestId, frameClassName, ...rest }: T) {
  return { frame: { id, label, hint, error, describedBy, reserve, labelHidden, invalid, errorTestId, className: frameClassName }, rest };
}

/** A labelled input. `compact` is the small one for a table row (its width and alignment in `inputClassName`). */
export function Field(props: Frame & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> & { compact?: boolean; inputClassName?: string }) {
  const { frame, rest } = split(props);
  const { className, compact, inputClassName, ...input } = rest;
  // Without a visible label above it, the input needs no gap for one.
  const cls = className ?? [compact ? compactInputCls : frame.labelHidden ? inputBaseCls : inputCls, inputClassName].filter(Boolean).join(" ");
  return <FieldFrame {...frame}>{(c) => <input {...c} {...input} className={cls} />}</FieldFrame>;
}

/** A labelled select; its options are the children. */
export function SelectField(props: Frame & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name">) {
  const { frame, rest } = split(props);
  const { className, children, ...select } = rest;
  return (
    <FieldFrame {...frame}>
      {(c) => (
        <select {...c} {...select} className={className ?? inputCls}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

/** A labelled textarea. */
export function TextareaField(props: Frame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name">) {
  const { frame, rest } = split(props);
  const { className, ...area } = rest;
  return <FieldFrame {...frame}>{(c) => <textarea {...c} {...area} className={className ?? inputCls} />}</FieldFrame>;
}

/** A checkbox with its label beside it and its error below. */
export function CheckboxField(props: Frame & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "type">) {
  const { frame, rest } = split(props);
  const { className, ...input } = rest;
  return (
    <div className={frame.className}>
      <div className="flex items-center gap-2">
        <input
          id={frame.id}
          type="checkbox"
          aria-invalid={frame.error || frame.invalid ? true : undefined}
          aria-describedby={describedBy(frame.id, { error: Boolean(frame.error), more: frame.describedBy })}
          {...input}
          className={className ?? "size-5 accent-brand-600"}
        />
        <label htmlFor={frame.id} className="text-sm font-semibold">
          {frame.label}
        </label>
      </div>
      <FieldError id={`${frame.id}-error`} error={frame.error} reserve={frame.reserve} testId={frame.errorTestId} />
    </div>
  );
}
