/**
 * What each model accepts: which sampling fields, which reasoning efforts,
 * whether it has a verbosity, which role its instructions go in. Request
 * building sends only what the model accepts, and Settings disables the rest
 * with the reason. Pure and free of server imports: the browser uses it too,
 * with the operator's MODEL_CAPABILITIES entries that /api/models passes on.
 */

/** Which OpenAI API replies are asked through: the Responses API or Chat Completions. */
export type ApiStyle = "responses" | "chat";

export const REASONING_EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh"] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

export const VERBOSITIES = ["low", "medium", "high"] as const;
export type Verbosity = (typeof VERBOSITIES)[number];

export interface ModelCapabilities {
  /** Temperature and Top P. */
  sampling: boolean;
  /** Presence and frequency penalty. */
  penalties: boolean;
  /** The efforts the model offers, in order; empty when it has no effort to choose. */
  reasoningEfforts: readonly ReasoningEffort[];
  /** Whether it takes a verbosity (low/medium/high). */
  verbosity: boolean;
  /** The role its instructions (the system prompt) go in. */
  instructionsRole: "system" | "developer";
  /** OpenAI's reasoning models: asked for a reasoning summary, and never sent max_tokens. */
  openaiReasoning: boolean;
  /** The model thinks before answering (its reasoning may stream as "Thinking"). */
  reasoning: boolean;
}

/** The families Parley knows, by name; MODEL_CAPABILITIES may describe a model as one of them. */
export const MODEL_FAMILIES = {
  /** gpt-4o, gpt-4.1, gpt-3.5 and anything not known: every sampling field, no reasoning. */
  chat: {
    sampling: true,
    penalties: true,
    reasoningEfforts: [],
    verbosity: false,
    instructionsRole: "system",
    openaiReasoning: false,
    reasoning: false,
  },
  /** o1, o3, o3-mini, o4-mini. */
  o: {
    sampling: false,
    penalties: false,
    reasoningEfforts: ["low", "medium", "high"],
    verbosity: false,
    instructionsRole: "developer",
    openaiReasoning: true,
    reasoning: true,
  },
  /** gpt-5, gpt-5-mini, gpt-5-nano. */
  "gpt-5": {
    sampling: false,
    penalties: false,
    reasoningEfforts: ["minimal", "low", "medium", "high"],
    verbosity: true,
    instructionsRole: "developer",
    openaiReasoning: true,
    reasoning: true,
  },
  /** gpt-5.1. */
  "gpt-5.1": {
    sampling: false,
    penalties: false,
    reasoningEfforts: ["none", "low", "medium", "high"],
    verbosity: true,
    instructionsRole: "developer",
    openaiReasoning: true,
    reasoning: true,
  },
  /** gpt-5.2 and later. */
  "gpt-5.2": {
    sampling: false,
    penalties: false,
    reasoningEfforts: ["none", "low", "medium", "high", "xhigh"],
    verbosity: true,
    instructionsRole: "developer",
    openaiReasoning: true,
    reasoning: true,
  },
  /** gpt-oss on a compatible server: an effort, and the usual sampling fields. */
  "gpt-oss": {
    sampling: true,
    penalties: true,
    reasoningEfforts: ["low", "medium", "high"],
    verbosity: false,
    instructionsRole: "system",
    openaiReasoning: false,
    reasoning: true,
  },
  /** DeepSeek-R1, QwQ, Qwen3, Magistral and other open models that think aloud, with no effort to set. */
  "open-reasoning": {
    sampling: true,
    penalties: true,
    reasoningEfforts: [],
    verbosity: false,
    instructionsRole: "system",
    openaiReasoning: false,
    reasoning: true,
  },
} as const satisfies Record<string, ModelCapabilities>;

export type ModelFamily = keyof typeof MODEL_FAMILIES;

export const isModelFamily = (name: string): name is ModelFamily => Object.hasOwn(MODEL_FAMILIES, name);

/** Known names, checked in order against the model's own name (without any "vendor/" prefix). */
const KNOWN: [RegExp, ModelFamily][] = [
  // The non-reasoning gpt-5 served to ChatGPT takes sampling fields like gpt-4o.
  [/^gpt-5(\.\d+)?-chat/, "chat"],
  [/^gpt-5\.1(-|$)/, "gpt-5.1"],
  [/^gpt-(5\.([2-9]|\d{2,})|[6-9](\.\d+)?)(-|$)/, "gpt-5.2"],
  [/^gpt-5(-|$)/, "gpt-5"],
  [/^o[1-9](-|$)/, "o"],
  [/^gpt-oss/, "gpt-oss"],
  [/deepseek-r1|deepseek-reasoner|^qwq|^qwen3|^magistral|reasoning|thinking|(^|-)r1(-|:|$)/, "open-reasoning"],
];

/** One MODEL_CAPABILITIES entry: models whose name starts with `prefix` are like `family`, with changes. */
export interface CapabilityOverride {
  prefix: string;
  capabilities: ModelCapabilities;
}

/** "openai/gpt-5" (OpenRouter) → "gpt-5"; "deepseek-r1:14b" (Ollama) stays as it is. */
function baseName(model: string): string {
  const name = model.trim().toLowerCase();
  return name.slice(name.lastIndexOf("/") + 1);
}

/** The model's capabilities: the operator's description (longest prefix wins), else the known family, else a chat model. */
export function capabilitiesFor(model: string, overrides: readonly CapabilityOverride[] = []): ModelCapabilities {
  const full = model.trim().toLowerCase();
  const name = baseName(model);
  const override = overrides
    .filter(({ prefix }) => full.startsWith(prefix) || name.startsWith(prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  if (override) return override.capabilities;
  return MODEL_FAMILIES[familyOf(name)];
}

/** The known family of a model name, "chat" when it is not known. */
export function familyOf(model: string): ModelFamily {
  const name = baseName(model);
  return KNOWN.find(([pattern]) => pattern.test(name))?.[1] ?? "chat";
}

/**
 * MODEL_CAPABILITIES: a JSON object from model-name prefix to a family name
 * or to an object `{ "like": family, …fields to change }`, e.g.
 * `{"my-reasoner": "gpt-5", "llama-think": {"like": "open-reasoning", "reasoningEfforts": ["low", "high"]}}`.
 * Throws a message naming the entry that is wrong.
 */
export function parseCapabilityOverrides(value: string | undefined): CapabilityOverride[] {
  if (!value) return [];
  const fail = (why: string): never => {
    throw new Error(`Invalid configuration:\n  MODEL_CAPABILITIES: ${why}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return fail(`not JSON. Example: {"my-model": "gpt-5", "other": {"like": "chat", "penalties": false}}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return fail("must be a JSON object of model-name prefix → description");
  const families = Object.keys(MODEL_FAMILIES).join(", ");
  return Object.entries(parsed as Record<string, unknown>).map(([rawPrefix, description]) => {
    const prefix = rawPrefix.trim().toLowerCase();
    if (!prefix) fail("an empty model-name prefix");
    if (typeof description === "string") {
      if (!isModelFamily(description)) fail(`"${rawPrefix}": "${description}" is not one of ${families}`);
      return { prefix, capabilities: MODEL_FAMILIES[description as ModelFamily] };
    }
    if (typeof description !== "object" || description === null || Array.isArray(description)) {
      return fail(`"${rawPrefix}" must be a family name (${families}) or an object`);
    }
    const fields = description as Record<string, unknown>;
    const like = fields.like ?? "chat";
    if (typeof like !== "string" || !isModelFamily(like)) return fail(`"${rawPrefix}": "like" must be one of ${families}`);
    const capabilities: ModelCapabilities = { ...MODEL_FAMILIES[like] };
    for (const [key, field] of Object.entries(fields)) {
      if (key === "like") continue;
      if (key === "sampling" || key === "penalties" || key === "verbosity" || key === "openaiReasoning" || key === "reasoning") {
        if (typeof field !== "boolean") fail(`"${rawPrefix}": "${key}" must be true or false`);
        capabilities[key] = field as boolean;
      } else if (key === "reasoningEfforts") {
        if (!Array.isArray(field) || !field.every((effort) => (REASONING_EFFORTS as readonly unknown[]).includes(effort))) {
          fail(`"${rawPrefix}": "reasoningEfforts" must be a list of ${REASONING_EFFORTS.join(", ")}`);
        }
        capabilities.reasoningEfforts = REASONING_EFFORTS.filter((effort) => (field as unknown[]).includes(effort));
      } else if (key === "instructionsRole") {
        if (field !== "system" && field !== "developer") fail(`"${rawPrefix}": "instructionsRole" must be "system" or "developer"`);
        capabilities.instructionsRole = field as "system" | "developer";
      } else {
        fail(`"${rawPrefix}": unknown field "${key}"`);
      }
    }
    return { prefix, capabilities };
  });
}

/**
 * What a model accepts through an API: the Responses API has no presence or
 * frequency penalty, whatever the model.
 */
export function narrowForApi(capabilities: ModelCapabilities, style: ApiStyle): ModelCapabilities {
  return style === "responses" && capabilities.penalties ? { ...capabilities, penalties: false } : capabilities;
}

/** What the browser needs to judge any model the way the server will (see /api/models). */
export interface CapabilityInfo {
  apiStyle: ApiStyle;
  capabilityOverrides: CapabilityOverride[];
}

/** The setting fields a model may refuse, and why (keys of `settings.refused` in the dictionaries). */
export type RefusableField = "temperature" | "topP" | "presencePenalty" | "frequencyPenalty" | "reasoningEffort" | "verbosity";

/** Why the model (its capabilities as the table says, before narrowForApi) refuses a field through this API, or null when it accepts it. */
export function refusal(
  capabilities: ModelCapabilities,
  field: RefusableField,
  style: ApiStyle = "chat",
): "temperature" | "topP" | "penalty" | "penaltyApi" | "reasoningEffort" | "verbosity" | null {
  switch (field) {
    case "temperature":
      return capabilities.sampling ? null : "temperature";
    case "topP":
      return capabilities.sampling ? null : "topP";
    case "presencePenalty":
    case "frequencyPenalty":
      if (!capabilities.penalties) return "penalty";
      // The model would take them, but the Responses API has none.
      return style === "responses" ? "penaltyApi" : null;
    case "reasoningEffort":
      return capabilities.reasoningEfforts.length > 0 ? null : "reasoningEffort";
    case "verbosity":
      return capabilities.verbosity ? null : "verbosity";
  }
}
