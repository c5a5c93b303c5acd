"use client";

import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { FormAlert } from "@/components/ui/form-alert";
import { FormDialog } from "@/components/ui/form-dialog";
import { errorText, sendJson } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";
import type { PresetView } from "@/lib/settings/presets";
import { effectiveSettings, LIMITS, type ChatSettings } from "@/lib/settings/schema";
import { SettingsFields } from "./settings-fields";
import type { ModelsState } from "./use-models";
import { useSettingsDraft } from "./use-settings-draft";
import { useSubmission } from "./use-submission";
import styles from "./settings.module.css";

/** GET /api/presets: the built-in presets, then the person's own. */
export async function fetchPresets(): Promise<PresetView[]> {
  return (await sendJson<{ presets: PresetView[] }>("/api/presets")).presets;
}

/** The "Presets" part of the Settings dialog: the list, with New, Edit and Delete for one's own. */
export function PresetsSection({ defaults, models }: { defaults: ChatSettings; models: ModelsState }) {
  const t = useT();
  const headingId = useId();
  const [presets, setPresets] = useState<PresetView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ preset: PresetView | null } | null>(null);

  // Bumped to load the list again (after a preset was saved).
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    fetchPresets()
      .then((loaded) => {
        if (!live) return;
        setPresets(loaded);
        setLoadError(null);
      })
      .catch((failure: unknown) => {
        if (live) setLoadError(errorText(failure, t, "presets.loadFailed"));
      });
    return () => {
      live = false;
    };
  }, [t, version]);

  const remove = async (preset: PresetView) => {
    setError(null);
    try {
      await sendJson(`/api/presets/${encodeURIComponent(preset.id)}`, { method: "DELETE" });
      setConfirming(null);
      setPresets((current) => current?.filter((p) => p.id !== preset.id) ?? null);
    } catch (failure) {
      setError(errorText(failure, t, "presets.deleteFailed"));
    }
  };

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.sectionHeading}>
        {t("presets.heading")}
      </h3>
      <p className={styles.intro}>{t("presets.intro")}</p>
      {presets === null && !loadError ? <p className={styles.intro}>{t("presets.loading")}</p> : null}
      <FormAlert message={loadError ?? error} />
      {presets ? (
        <ul className={styles.presetList}>
          {presets.map((preset) => (
            <li key={preset.id} className={styles.presetItem}>
              {confirming === preset.id ? (
                <div className={styles.confirm}>
                  <span>{t("presets.confirmDelete", { name: preset.name })}</span>
                  <button type="button" className="button small" onClick={() => void remove(preset)}>
                    {t("presets.confirmYes")}
                  </button>
                  <button type="button" className="button small ghost" onClick={() => setConfirming(null)} autoFocus>
                    {t("presets.confirmNo")}
                  </button>
                </div>
              ) : (
                <>
                  <span className={styles.presetName} title={preset.name}>
                    {preset.name}
                  </span>
                  {preset.builtIn ? (
                    <span className={styles.tag}>{t("presets.builtIn")}</span>
                  ) : (
                    <>
                      <button type="button" className="button small ghost" onClick={() => setEditing({ preset })}>
                        {t("presets.edit")}
                        <span className="visually-hidden"> {preset.name}</span>
                      </button>
                      <button type="button" className="button small ghost" onClick={() => setConfirming(preset.id)}>
                        {t("presets.delete")}
                        <span className="visually-hidden"> {preset.name}</span>
                      </button>
                    </>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="button small" onClick={() => setEditing({ preset: null })}>
        {t("presets.new")}
      </button>
      {editing
        ? createPortal(
            <PresetEditor
              preset={editing.preset}
              defaults={defaults}
              models={models}
              onDone={(saved) => {
                setEditing(null);
                if (saved) setVersion((v) => v + 1);
              }}
            />,
            document.body,
          )
        : null}
    </section>
  );
}

/**
 * A preset's name and settings in a dialog of its own ("New preset" or "Edit
 * preset"), on top of Settings. Rendered outside the Settings dialog, so its
 * fields never share a name with the defaults' fields there.
 */
function PresetEditor({
  preset,
  defaults,
  models,
  onDone,
}: {
  preset: PresetView | null;
  defaults: ChatSettings;
  models: ModelsState;
  onDone: (saved: boolean) => void;
}) {
  const t = useT();
  const prefix = useId();
  const [open, setOpen] = useState(true);
  const saved = useRef(false);
  const [name, setName] = useState(preset?.name ?? "");
  const [nameError, setNameError] = useState<string | null>(null);
  const { busy: saving, error, setError, run } = useSubmission();
  const form = useSettingsDraft(prefix, effectiveSettings(defaults, preset?.settings ?? null));

  const save = async () => {
    const trimmed = name.trim();
    const badName = trimmed === "" ? t("presets.nameRequired") : trimmed.length > LIMITS.presetNameLength ? t("presets.nameTooLong", { max: LIMITS.presetNameLength }) : null;
    setNameError(badName);
    const settings = form.check();
    if (badName) document.getElementById(`${prefix}-name`)?.focus();
    if (badName || !settings) {
      setError(t("settings.fixFields"));
      return;
    }
    await run(async () => {
      const json = { name: trimmed, settings };
      await sendJson(preset ? `/api/presets/${encodeURIComponent(preset.id)}` : "/api/presets", { method: preset ? "PUT" : "POST", json });
      saved.current = true;
      setOpen(false);
    }, "presets.saveFailed");
  };

  return (
    <FormDialog
      open={open}
      onClosed={() => onDone(saved.current)}
      title={preset ? t("presets.editTitle") : t("presets.newTitle")}
      error={error}
      busy={saving}
      onSubmit={() => void save()}
    >
      <div className="field">
        <label htmlFor={`${prefix}-name`}>{t("presets.name")}</label>
        <input
          id={`${prefix}-name`}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setNameError(null);
          }}
          maxLength={LIMITS.presetNameLength + 20}
          autoComplete="off"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${prefix}-name-error` : undefined}
        />
        {nameError ? (
          <small id={`${prefix}-name-error`} className={styles.fieldError}>
            {nameError}
          </small>
        ) : null}
      </div>
      <SettingsFields idPrefix={prefix} draft={form.draft} errors={form.errors} models={models} onChange={form.change} />
    </FormDialog>
  );
}
