"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { SettingsFields } from "@/components/settings/settings-fields";
import { useModels } from "@/components/settings/use-models";
import { useSettingsDraft } from "@/components/settings/use-settings-draft";
import { useSubmission } from "@/components/settings/use-submission";
import styles from "@/components/settings/settings.module.css";
import { FormDialog } from "@/components/ui/form-dialog";
import { sendJson } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";
import type { Translate } from "@/lib/i18n/translate";
import { differingKeys, type ChatSettings } from "@/lib/settings/schema";

/** "gpt-4o · temperature 0.2": what this conversation's settings change from the defaults. */
function describeDifferences(settings: ChatSettings, defaults: ChatSettings, t: Translate): string {
  return differingKeys(settings, defaults)
    .map((key) => {
      switch (key) {
        case "model":
          return settings.model;
        case "systemPrompt":
          return t("settings.badge.systemPrompt");
        case "maxTokens":
          return settings.maxTokens === null ? t("settings.badge.noMaxTokens") : t("settings.badge.maxTokens", { value: settings.maxTokens });
        case "reasoningEffort":
          return t("settings.badge.reasoningEffort", {
            value: settings.reasoningEffort ? t(`settings.efforts.${settings.reasoningEffort}`) : t("settings.providerDefault"),
          });
        case "verbosity":
          return t("settings.badge.verbosity", {
            value: settings.verbosity ? t(`settings.verbosities.${settings.verbosity}`) : t("settings.providerDefault"),
          });
        default:
          return t(`settings.badge.${key}`, { value: settings[key] });
      }
    })
    .join(" · ");
}

interface ConversationSettings {
  settings: ChatSettings;
  defaults: ChatSettings;
  overridden: boolean;
}

/**
 * The conversation's own settings, in its header: a quiet badge saying what
 * differs from the person's defaults, and "Conversation settings", the same
 * form as Settings bound to this conversation, with "Use my defaults".
 */
export function ConversationSettingsDialog({ conversationId, initial }: { conversationId: string; initial: ConversationSettings }) {
  const t = useT();
  const router = useRouter();
  const prefix = useId();
  const [current, setCurrent] = useState(initial);
  const [seen, setSeen] = useState(initial);
  const [open, setOpen] = useState(false);
  const { busy, error, setError, run } = useSubmission();
  const form = useSettingsDraft(prefix, initial.settings);
  const models = useModels(open);

  // The page re-rendered (e.g. the defaults changed in Settings): take its newer values.
  if (initial !== seen) {
    setSeen(initial);
    setCurrent(initial);
  }

  const url = `/api/conversations/${encodeURIComponent(conversationId)}/settings`;

  const show = () => {
    form.reset(current.settings);
    setError(null);
    setOpen(true);
  };

  const finish = (answer: ConversationSettings) => {
    setCurrent(answer);
    setOpen(false);
    router.refresh();
  };

  const save = async () => {
    const settings = form.check();
    if (!settings) {
      setError(t("settings.fixFields"));
      return;
    }
    await run(async () => finish(await sendJson<ConversationSettings>(url, { method: "PUT", json: settings })), "settings.saveFailed");
  };

  const resetToDefaults = () =>
    run(async () => finish(await sendJson<ConversationSettings>(url, { method: "DELETE" })), "settings.conversation.resetFailed");

  const summary = describeDifferences(current.settings, current.defaults, t);

  return (
    <div className={styles.headerBar}>
      {summary ? (
        <span className={styles.badge} title={summary} data-testid="conversation-settings-badge">
          <span className="visually-hidden">{t("settings.conversation.differs")} </span>
          {summary}
        </span>
      ) : null}
      <button type="button" className="button small ghost" onClick={show}>
        {t("settings.conversation.open")}
      </button>
      <FormDialog
        open={open}
        onClosed={() => setOpen(false)}
        title={t("settings.conversation.title")}
        error={error}
        busy={busy}
        onSubmit={() => void save()}
        actions={
          current.overridden ? (
            <button type="button" className="button" onClick={() => void resetToDefaults()} disabled={busy}>
              {t("settings.conversation.useDefaults")}
            </button>
          ) : null
        }
      >
        <p className={styles.intro}>{t("settings.conversation.intro")}</p>
        <SettingsFields idPrefix={prefix} draft={form.draft} errors={form.errors} models={models} onChange={form.change} />
      </FormDialog>
    </div>
  );
}
