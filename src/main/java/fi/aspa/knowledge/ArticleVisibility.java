package fi.aspa.knowledge;

/** Who may read a published article: anyone ({@code PUBLIC}) or the organization's staff ({@code INTERNAL}). */
public enum ArticleVisibility { PUBLIC, INTERNAL }
