"use client";

/**
 * A limit typed as a whole number; empty is "no limit" (or, for a person,
 * "follow everyone's"). Parsing keeps what the field shows and what is sent
 * the same thing.
 */

export function limitText(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

/** null for empty, a number for a whole number ≥ min, undefined when not a valid limit. */
export function parseLimit(text: string, min: number): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) && n >= min ? n : undefined;
}

export function LimitInput({
  id,
  label,
  hint,
  value,
  min,
  invalid,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  min: number;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        step={1}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint ? (
        <small id={`${id}-hint`}>{hint}</small>
      ) : null}
    </div>
  );
}
