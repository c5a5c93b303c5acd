"use client";

import { useEffect, useId, useState } from "react";
import { fetchPresets } from "@/components/settings/presets-section";
import styles from "@/components/settings/settings.module.css";
import { newId } from "@/lib/chat/ids";
import { useT } from "@/lib/i18n/client";
import type { PresetView } from "@/lib/settings/presets";
import { Chat } from "./chat";
import { useConversations } from "./conversations-context";

/**
 * The "/" view. Its conversation id is made in the browser when the view
 * mounts, so no cached page can hand out an id that is already in use; after
 * the first message the address bar shows /c/<id> while this view stays.
 */
export function NewChat() {
  const { newChatKey, setNewChatOpen } = useConversations();
  useEffect(() => {
    setNewChatOpen(true);
    return () => setNewChatOpen(false);
  }, [setNewChatOpen]);
  return <FreshChat key={newChatKey} />;
}

function FreshChat() {
  const [id] = useState(newId);
  const [presetId, setPresetId] = useState<string | null>(null);
  return (
    <Chat
      conversationId={id}
      title={null}
      initialMessages={[]}
      presetId={presetId}
      emptyExtra={<PresetChoices chosen={presetId} onChoose={setPresetId} />}
    />
  );
}

/** "Start with a preset": the new conversation takes the chosen preset's settings as its own. */
function PresetChoices({ chosen, onChoose }: { chosen: string | null; onChoose: (id: string | null) => void }) {
  const t = useT();
  const labelId = useId();
  const [presets, setPresets] = useState<PresetView[]>([]);
  useEffect(() => {
    let live = true;
    // Without presets the chat simply starts from the defaults.
    fetchPresets()
      .then((loaded) => live && setPresets(loaded))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  if (presets.length === 0) return null;
  return (
    <div role="group" aria-labelledby={labelId} className={styles.presetRow}>
      <p id={labelId} className={styles.presetRowLabel}>
        {t("presets.startWith")}
      </p>
      {presets.map((preset) => (
        <button
          key={preset.id}
          type="button"
          className={`button small ${styles.presetChoice}`}
          aria-pressed={chosen === preset.id}
          title={t("presets.startWithHint")}
          onClick={() => onChoose(chosen === preset.id ? null : preset.id)}
        >
          {preset.name}
        </button>
      ))}
    </div>
  );
}
