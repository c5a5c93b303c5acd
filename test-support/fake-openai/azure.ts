/** Where Azure OpenAI's answers differ from OpenAI's: content-filter verdicts everywhere. */
import type { FakeReply } from "./types";

const SAFE = { filtered: false, severity: "safe" };
/** Azure's per-category verdicts, as sent with prompts and with every choice. */
export const AZURE_FILTER_RESULTS = { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE };

/** Azure's first chunk: no choices, the prompt's filter verdicts, empty id and model. */
export const AZURE_PRELUDE_CHUNK = {
  id: "",
  object: "",
  created: 0,
  model: "",
  choices: [],
  prompt_filter_results: [{ prompt_index: 0, content_filter_results: AZURE_FILTER_RESULTS }],
};

/** Azure's blocked prompt: param "prompt", the status repeated, and innererror. */
export function azurePromptFilteredBody(reply: FakeReply & { status: number }): unknown {
  return {
    error: {
      message:
        reply.errorMessage ??
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
      type: null,
      param: "prompt",
      code: "content_filter",
      status: reply.status,
      innererror: {
        code: "ResponsibleAIPolicyViolation",
        content_filter_result: { ...AZURE_FILTER_RESULTS, violence: { filtered: true, severity: "high" } },
      },
    },
  };
}
