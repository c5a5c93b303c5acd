"use client";

import { useId, useRef, useState } from "react";
import { chatSettingsSchema, LIMITS, type ChatSettings } from "@/lib/settings/schema";
import { FormAlert } from "@/components/ui/form-alert";

interface Draft {
  model: string;
  systemPrompt: string;
  temperature: string;
  maxTokens: string;
}

const toDraft = (s: ChatSettings): Draft => ({
  model: s.model,
  systemPrompt: s.systemPrompt,
  temperature: String(s.temperature),
  maxTokens: s.maxTokens === null ? "" : String(s.maxTokens),
});

function fromDraft(d: Draft) {
  return chatSettingsSchema.safeParse({
    model: d.model,
    systemPrompt: d.systemPrompt,
    temperature: d.temperature.trim() === "" ? Number.NaN : Number(d.temperature),
    maxTokens: d.maxTokens.trim() === "" ? null : Number(d.maxTokens),
  });
}

export function SettingsDialog({ initial }: { initial: ChatSettings }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState(() => toDraft(initial));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const open = () => {
    setDraft(toDraft(saved));
    setError(null);
    dialog.current?.showModal();
  };

  const save = async () => {
    const parsed = fromDraft(draft);
    if (!parsed.success) {
      setError(parsed.error.issues[0].message);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const response = await fetch("/api/settings", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(parsed.data),
      });
      const body = (await response.json().catch(() => ({}))) as { settings?: ChatSettings; error?: { message?: string } };
      if (!response.ok || !body.settings) {
        setError(body.error?.message ?? "The settings could not be saved. Try again.");
        return;
      }
      setSaved(body.settings);
      dialog.current?.close();
    } catch {
      setError("Parley's server could not be reached. Your changes are still here; try again.");
    } finally {
      setSaving(false);
    }
  };

  const field = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });

  return (
    <>
      <button type="button" className="button ghost" onClick={open}>
        Settings
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="settings-dialog">
        <form
          method="dialog"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <h2 id={titleId}>Settings</h2>
          <label className="field">
            <span>Model</span>
            <input {...field("model")} autoComplete="off" spellCheck={false} maxLength={LIMITS.modelLength} />
          </label>
          <label className="field">
            <span>System prompt</span>
            <textarea {...field("systemPrompt")} rows={5} placeholder="Optional instructions the model follows in every reply." />
          </label>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${titleId}-temperature`}>Temperature</label>
              <input {...field("temperature")} id={`${titleId}-temperature`} type="number" inputMode="decimal" min={0} max={2} step={0.1} aria-describedby={`${titleId}-temperature-hint`} />
              <small id={`${titleId}-temperature-hint`}>0 is focused, 2 is very random.</small>
            </div>
            <div className="field">
              <label htmlFor={`${titleId}-max-tokens`}>Max tokens</label>
              <input {...field("maxTokens")} id={`${titleId}-max-tokens`} type="number" inputMode="numeric" min={1} step={1} placeholder="No limit" aria-describedby={`${titleId}-max-tokens-hint`} />
              <small id={`${titleId}-max-tokens-hint`}>Longest reply. Empty leaves it to the model.</small>
            </div>
          </div>
          <FormAlert message={error} />
          <div className="dialog-actions">
            <button type="button" className="button ghost" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={saving}>
              {saving ? "Saving…" : "Save"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
