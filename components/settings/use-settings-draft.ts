"use client";

import { useCallback, useState } from "react";
import { DRAFT_FIELDS, readDraft, toDraft, type DraftErrors, type DraftField, type SettingsDraft } from "@/lib/settings/draft";
import type { ChatSettings } from "@/lib/settings/schema";
import { fieldId } from "./settings-fields";

/** A settings form's state: the typed fields and their errors, checked on submit. */
export function useSettingsDraft(idPrefix: string, initial: ChatSettings) {
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(initial));
  const [errors, setErrors] = useState<DraftErrors>({});

  const reset = useCallback((settings: ChatSettings) => {
    setDraft(toDraft(settings));
    setErrors({});
  }, []);

  const change = useCallback((field: DraftField, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    // A corrected field stops being marked as soon as it changes.
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  }, []);

  /** The settings when every field is valid; otherwise marks the fields and focuses the first. */
  const check = useCallback((): ChatSettings | null => {
    const result = readDraft(draft);
    if (result.ok) {
      setErrors({});
      return result.settings;
    }
    setErrors(result.errors);
    const first = DRAFT_FIELDS.find((field) => result.errors[field]);
    if (first) requestAnimationFrame(() => document.getElementById(fieldId(idPrefix, first))?.focus());
    return null;
  }, [draft, idPrefix]);

  return { draft, errors, change, reset, check };
}
