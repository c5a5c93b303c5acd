/**
 * Which models take images. OpenAI's vision families are known; any other
 * model (a compatible server's llava, qwen-vl…) sees images when the
 * operator lists a prefix of its name in VISION_MODELS. Kept as its own small
 * table so it can join a general model-capability table.
 */

/** gpt-4o, 4.1, 4.5, 5 and chatgpt-4o; gpt-4-turbo (and its vision preview); o1 (not o1-mini or o1-preview), o3, o4-mini. */
const VISION_FAMILIES: RegExp[] = [
  /^gpt-4o/,
  /^chatgpt-4o/,
  /^gpt-4\.1/,
  /^gpt-4\.5/,
  /^gpt-5/,
  /^gpt-4-turbo/,
  /^gpt-4-vision/,
  /^o1(?!-mini|-preview)(-|$)/,
  /^o3(?!-mini)(-|$)/,
  /^o4-mini/,
];

/** "openai/gpt-4o" (OpenRouter) → "gpt-4o", lower-cased. */
const familyOf = (model: string): string => {
  const name = model.trim().toLowerCase();
  return name.slice(name.lastIndexOf("/") + 1);
};

export function canSeeImages(model: string, extraPrefixes: readonly string[] = []): boolean {
  const full = model.trim().toLowerCase();
  const name = familyOf(model);
  if (extraPrefixes.some((prefix) => full.startsWith(prefix) || name.startsWith(prefix))) return true;
  // gpt-5's chat model and the audio/realtime/search variants take no images through Chat Completions.
  if (/-(audio|realtime|search|transcribe|tts)(-|$)/.test(name)) return false;
  return VISION_FAMILIES.some((family) => family.test(name));
}
