"use client";

import { useEffect, useState } from "react";
import { sendJson } from "@/lib/http/send-json";

export interface ModelsState {
  models: string[];
  defaultModel: string | null;
  /** False while loading, and when the provider's list could not be loaded. */
  listed: boolean;
  loading: boolean;
}

let shared: Promise<ModelsState> | null = null;

/** GET /api/models, once per page (the server caches the provider's list too). */
function loadModels(): Promise<ModelsState> {
  shared ??= sendJson<{ models: string[]; defaultModel: string; listed: boolean }>("/api/models")
    .then((body) => ({ models: body.models, defaultModel: body.defaultModel, listed: body.listed, loading: false }))
    .catch(() => {
      shared = null; // Ask again next time.
      return { models: [], defaultModel: null, listed: false, loading: false };
    });
  return shared;
}

/** The models to offer, loaded when `active` first becomes true (a dialog opens). */
export function useModels(active: boolean): ModelsState {
  const [state, setState] = useState<ModelsState>({ models: [], defaultModel: null, listed: false, loading: true });
  useEffect(() => {
    if (!active) return;
    let live = true;
    void loadModels().then((loaded) => {
      if (live) setState(loaded);
    });
    return () => {
      live = false;
    };
  }, [active]);
  return state;
}
