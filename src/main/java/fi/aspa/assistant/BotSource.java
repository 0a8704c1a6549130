package fi.aspa.assistant;

/**
 * A source the bot quotes or offers: a public article ({@code /help/{id}}) or a public service description
 * ({@code /services/{id}}).
 *
 * @param type ARTICLE or SERVICE
 * @param url  the path of the public page, relative to the Aspa origin
 */
public record BotSource(String id, String type, String title, String url) {}
