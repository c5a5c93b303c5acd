"use client";

import { useEffect, useState } from "react";
import { sendJson } from "@/lib/http/send-json";
import type { CapabilityInfo } from "@/lib/llm/capabilities";

export interface ModelsState extends CapabilityInfo {
  models: string[];
  defaultModel: string | null;
  /** False while loading, and when the provider's list could not be loaded. */
  listed: boolean;
  loading: boolean;
}

let shared: Promise<ModelsState> | null = null;

/** GET /api/models and what the models accept, once per page (the server caches the provider's list too). */
function loadModels(): Promise<ModelsState> {
  shared ??= Promise.all([
    sendJson<{ models: string[]; defaultModel: string; listed: boolean }>("/api/models"),
    sendJson<CapabilityInfo>("/api/models/capabilities"),
  ])
    .then(([body, capabilities]) => ({
      models: body.models,
      defaultModel: body.defaultModel,
      listed: body.listed,
      apiStyle: capabilities.apiStyle,
      capabilityOverrides: capabilities.capabilityOverrides,
      loading: false,
    }))
    .catch(() => {
      shared = null; // Ask again next time.
      return { ...NO_MODELS, loading: false };
    });
  return shared;
}

/** Before the list arrives (or when it cannot): the built-in capability table and Chat Completions' fields. */
const NO_MODELS: ModelsState = { models: [], defaultModel: null, listed: false, loading: true, apiStyle: "chat", capabilityOverrides: [] };

/** The models to offer, loaded when `active` first becomes true (a dialog opens). */
export function useModels(active: boolean): ModelsState {
  const [state, setState] = useState<ModelsState>(NO_MODELS);
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
