"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { FormDialog } from "@/components/ui/form-dialog";
import { sendJson } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";
import { LOCALES, type Locale } from "@/lib/i18n/locales";
import { pickChatSettings, type LanguageChoice, type UserSettings } from "@/lib/settings/schema";
import { ApiKeysSection } from "./api-keys-section";
import { PresetsSection } from "./presets-section";
import { SettingsFields } from "./settings-fields";
import { UsageSection } from "./usage-section";
import { useModels } from "./use-models";
import { useSettingsDraft } from "./use-settings-draft";
import { useSubmission } from "./use-submission";
import styles from "./settings.module.css";

/** The "Settings" button and its dialog: the person's default model settings, language, presets and API keys. */
export function SettingsDialog({ initial }: { initial: UserSettings }) {
  const t = useT();
  const router = useRouter();
  const prefix = useId();
  const [saved, setSaved] = useState(initial);
  const [language, setLanguage] = useState<LanguageChoice>(initial.language);
  const [open, setOpen] = useState(false);
  const { busy: saving, error, setError, run } = useSubmission();
  const form = useSettingsDraft(prefix, initial);
  const models = useModels(open);

  const show = () => {
    form.reset(saved);
    setLanguage(saved.language);
    setError(null);
    setOpen(true);
  };

  const save = async () => {
    const settings = form.check();
    if (!settings) {
      setError(t("settings.fixFields"));
      return;
    }
    await run(async () => {
      const body = await sendJson<{ settings: UserSettings }>("/api/settings", { method: "PUT", json: { ...settings, language } });
      setSaved(body.settings);
      setOpen(false);
      // The language, and conversations that follow the defaults, show the change.
      router.refresh();
    }, "settings.saveFailed");
  };

  return (
    <>
      <button type="button" className="button ghost" onClick={show}>
        {t("settings.open")}
      </button>
      <FormDialog
        open={open}
        onClosed={() => setOpen(false)}
        title={t("settings.title")}
        error={error}
        busy={saving}
        onSubmit={() => void save()}
        after={
          open ? (
            <>
              <PresetsSection defaults={pickChatSettings(saved)} models={models} />
              <ApiKeysSection />
              <UsageSection />
            </>
          ) : null
        }
      >
        <div className="field">
          <label htmlFor={`${prefix}-language`}>{t("settings.language")}</label>
          <select id={`${prefix}-language`} value={language} onChange={(event) => setLanguage(event.target.value as LanguageChoice)}>
            <option value="auto">{t("settings.languageAuto")}</option>
            {(Object.keys(LOCALES) as Locale[]).map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {LOCALES[locale].name}
              </option>
            ))}
          </select>
        </div>
        <h3 className={styles.sectionHeading}>{t("settings.defaultsHeading")}</h3>
        <SettingsFields idPrefix={prefix} draft={form.draft} errors={form.errors} models={models} onChange={form.change} />
      </FormDialog>
    </>
  );
}
