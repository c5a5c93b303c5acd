"use client";

import { useState } from "react";
import type { ListedConversation } from "@/lib/chat/summaries";
import { errorText, sendJson } from "@/lib/http/send-json";
import { useT } from "@/lib/i18n/client";

/** Same cap as the server's (lib/chat/export.ts IMPORT_LIMITS.bytes), checked before uploading. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * "Import conversation": a file picker for a JSON file exported from Parley.
 * The server validates it; its error code says what is wrong with a bad file.
 */
export function SidebarImport({
  onImported,
  onError,
}: {
  onImported: (conversation: ListedConversation) => void;
  onError: (message: string | null) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    onError(null);
    if (file.size > MAX_BYTES) {
      onError(t("sidebar.import.tooLarge", { size: MAX_BYTES / 1024 / 1024 }));
      return;
    }
    setBusy(true);
    try {
      const { conversation } = await sendJson<{ conversation: ListedConversation }>("/api/conversations/import", {
        method: "POST",
        json: JSON.parse(await file.text()),
      });
      onImported(conversation);
    } catch (error) {
      onError(error instanceof SyntaxError ? t("errors.import_not_json") : errorText(error, t, "sidebar.import.failed"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <label className={["button", "ghost", "sidebar-import", busy ? "busy" : ""].filter(Boolean).join(" ")} aria-busy={busy || undefined}>
      <input
        type="file"
        accept="application/json,.json"
        className="visually-hidden"
        disabled={busy}
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          // Cleared at once so choosing the same file again imports it again.
          input.value = "";
          if (file) void upload(file);
        }}
      />
      {busy ? t("sidebar.import.importing") : t("sidebar.import.label")}
    </label>
  );
}
