"use client";

import { useT } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/translate";
import { capabilitiesFor, refusal, VERBOSITIES, type RefusableField } from "@/lib/llm/capabilities";
import type { DraftErrors, DraftField, SettingsDraft } from "@/lib/settings/draft";
import { LIMITS } from "@/lib/settings/schema";
import type { ModelsState } from "./use-models";
import styles from "./settings.module.css";

/** The id of a field's input, so a form can focus the first invalid one. */
export const fieldId = (prefix: string, field: DraftField) => `${prefix}-${field}`;

/**
 * The model settings as form fields (Model, System prompt, Reasoning effort,
 * Verbosity, Temperature, Top P, Max tokens, Presence and Frequency penalty),
 * each with its hint and, when it is invalid, its message (aria-invalid +
 * aria-describedby). A field the chosen model refuses is disabled with the
 * reason as its description; its value stays in the draft, so choosing a
 * model that takes it again brings the person's value back.
 */
export function SettingsFields({
  idPrefix,
  draft,
  errors,
  models,
  onChange,
}: {
  idPrefix: string;
  draft: SettingsDraft;
  errors: DraftErrors;
  models: ModelsState;
  onChange: (field: DraftField, value: string) => void;
}) {
  const t = useT();
  const id = (field: DraftField) => fieldId(idPrefix, field);
  const capabilities = capabilitiesFor(draft.model, models.capabilityOverrides);
  const refused = (field: RefusableField) => refusal(capabilities, field, models.apiStyle);
  const described = (field: DraftField, hint: boolean) =>
    [errors[field] ? `${id(field)}-error` : null, hint ? `${id(field)}-hint` : null].filter(Boolean).join(" ") || undefined;
  /** The hint, or in its place why the model refuses the field. */
  const hintOf = (field: DraftField, hint: MessageKey) => {
    const reason = refused(field as RefusableField);
    return <small id={`${id(field)}-hint`}>{reason ? t(`settings.refused.${reason}`) : t(hint)}</small>;
  };
  const errorText = (field: DraftField) => {
    const key = errors[field];
    if (!key) return null;
    return (
      <small id={`${id(field)}-error`} className={styles.fieldError}>
        {t(`settings.errors.${key}` as MessageKey, { max: LIMITS.systemPromptLength })}
      </small>
    );
  };
  const input = (field: DraftField) => ({
    id: id(field),
    value: draft[field],
    "aria-invalid": errors[field] ? true : undefined,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => onChange(field, event.target.value),
  });
  const number = (
    field: RefusableField & DraftField,
    label: MessageKey,
    hint: MessageKey,
    range: { min: number; max: number },
    step: number,
  ) => (
    <div className="field">
      <label htmlFor={id(field)}>{t(label)}</label>
      <input
        {...input(field)}
        type="number"
        inputMode="decimal"
        min={range.min}
        max={range.max}
        step={step}
        disabled={refused(field) !== null}
        aria-describedby={described(field, true)}
      />
      {hintOf(field, hint)}
      {errorText(field)}
    </div>
  );

  // A value this model does not offer shows as the provider's default (and is not sent); it is kept for other models.
  const effort = capabilities.reasoningEfforts.find((value) => value === draft.reasoningEffort) ?? "";

  // The saved value stays choosable even when the provider no longer lists it.
  const options = [...new Set([...models.models, draft.model].filter(Boolean))];

  return (
    <>
      <div className="field">
        <label htmlFor={id("model")}>{t("settings.model")}</label>
        <select {...input("model")} aria-describedby={described("model", true)}>
          {options.map((model) => (
            <option key={model} value={model}>
              {model === models.defaultModel ? t("settings.modelDefault", { model }) : model}
            </option>
          ))}
        </select>
        <small id={`${id("model")}-hint`}>
          {models.loading ? t("settings.modelsLoading") : models.listed ? t("settings.modelHint") : t("settings.modelsUnavailable")}
        </small>
        {errorText("model")}
      </div>
      <div className="field">
        <label htmlFor={id("systemPrompt")}>{t("settings.systemPrompt")}</label>
        <textarea {...input("systemPrompt")} rows={5} placeholder={t("settings.systemPromptPlaceholder")} aria-describedby={described("systemPrompt", false)} />
        {errorText("systemPrompt")}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={id("reasoningEffort")}>{t("settings.reasoningEffort")}</label>
          <select
            {...input("reasoningEffort")}
            value={effort}
            disabled={refused("reasoningEffort") !== null}
            aria-describedby={described("reasoningEffort", true)}
          >
            <option value="">{t("settings.providerDefault")}</option>
            {capabilities.reasoningEfforts.map((value) => (
              <option key={value} value={value}>
                {t(`settings.efforts.${value}`)}
              </option>
            ))}
          </select>
          {hintOf("reasoningEffort", "settings.reasoningEffortHint")}
          {errorText("reasoningEffort")}
        </div>
        {capabilities.verbosity ? (
          <div className="field">
            <label htmlFor={id("verbosity")}>{t("settings.verbosity")}</label>
            <select {...input("verbosity")} aria-describedby={described("verbosity", true)}>
              <option value="">{t("settings.providerDefault")}</option>
              {VERBOSITIES.map((value) => (
                <option key={value} value={value}>
                  {t(`settings.verbosities.${value}`)}
                </option>
              ))}
            </select>
            {hintOf("verbosity", "settings.verbosityHint")}
            {errorText("verbosity")}
          </div>
        ) : null}
      </div>
      <div className="field-row">
        {number("temperature", "settings.temperature", "settings.temperatureHint", LIMITS.temperature, 0.1)}
        {number("topP", "settings.topP", "settings.topPHint", LIMITS.topP, 0.05)}
      </div>
      <div className="field-row">
        {number("presencePenalty", "settings.presencePenalty", "settings.presencePenaltyHint", LIMITS.penalty, 0.1)}
        {number("frequencyPenalty", "settings.frequencyPenalty", "settings.frequencyPenaltyHint", LIMITS.penalty, 0.1)}
      </div>
      <div className="field">
        <label htmlFor={id("maxTokens")}>{t("settings.maxTokens")}</label>
        <input
          {...input("maxTokens")}
          type="number"
          inputMode="numeric"
          min={LIMITS.maxTokens.min}
          max={LIMITS.maxTokens.max}
          step={1}
          placeholder={t("settings.maxTokensPlaceholder")}
          aria-describedby={described("maxTokens", true)}
        />
        <small id={`${id("maxTokens")}-hint`}>{t("settings.maxTokensHint")}</small>
        {errorText("maxTokens")}
      </div>
    </>
  );
}
