package fi.aspa.search;

import java.text.Normalizer;

/**
 * Folds diacritics (ä→a, ö→o, å→a, é→e) of index and query terms, after the language's own analysis has used
 * them, so a query typed without dots ({@code paivahoito}, {@code forskola}) meets the text written with them.
 */
final class Fold {
    private Fold() {}

    static String fold(String lowerCase) {
        boolean ascii = true;
        for (int i = 0; i < lowerCase.length() && ascii; i++) ascii = lowerCase.charAt(i) < 0x80;
        if (ascii) return lowerCase;
        String decomposed = Normalizer.normalize(lowerCase, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) out.append(c);
        }
        return out.toString();
    }
}
