package fi.aspa.assistant;

/**
 * An organization's language-model endpoint for phrasing the bot's answers (off unless an administrator turns it on).
 *
 * @param baseUrl   the OpenAI-compatible endpoint's base, without {@code /v1}: requests go to {@code {baseUrl}/v1/chat/completions}
 * @param apiKey    the key sent as {@code Authorization: Bearer …}, or null (a local model may need none); never shown back
 * @param timeoutMs how long the resident waits for the phrasing at most before the quoted answer is shown instead
 * @param maxTokens the {@code max_tokens} of the request
 */
record LanguageModelSettings(boolean enabled, String baseUrl, String model, String apiKey, int timeoutMs, int maxTokens) {
    static final int DEFAULT_TIMEOUT_MS = 5000;
    static final int DEFAULT_MAX_TOKENS = 400;
    static final LanguageModelSettings DEFAULT = new LanguageModelSettings(false, "", "", null, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_TOKENS);

    LanguageModelSettings {
        baseUrl = baseUrl == null ? "" : baseUrl;
        model = model == null ? "" : model;
        apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey;
    }

    boolean hasKey() {
        return apiKey != null;
    }

    /** Whether answers are phrased: on, and an endpoint and a model named. */
    boolean usable() {
        return enabled && !baseUrl.isBlank() && !model.isBlank();
    }

    /** The key as the admin page shows it: never whole, at most its last four characters. */
    String maskedKey() {
        if (apiKey == null) return null;
        return apiKey.length() >= 16 ? "••••••••" + apiKey.substring(apiKey.length() - 4) : "••••••••";
    }

    LanguageModelSettings withKey(String key) {
        return new LanguageModelSettings(enabled, baseUrl, model, key, timeoutMs, maxTokens);
    }
}
