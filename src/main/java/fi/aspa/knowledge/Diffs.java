package fi.aspa.knowledge;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import java.util.Arrays;
import java.util.List;

/** Line diffs with the changed words marked, HTML-escaped by the default line normalizer (java-diff-utils). */
final class Diffs {
    private static final DiffRowGenerator GENERATOR = DiffRowGenerator.create()
            .showInlineDiffs(true)
            .inlineDiffByWord(true)
            .mergeOriginalRevised(false)
            .oldTag(start -> start ? "<del>" : "</del>")
            .newTag(start -> start ? "<ins>" : "</ins>")
            .build();

    private Diffs() {}

    static List<DiffLine> lines(String before, String after) {
        List<DiffRow> rows = GENERATOR.generateDiffRows(split(before), split(after));
        return rows.stream().map(row -> new DiffLine(switch (row.getTag()) {
            case EQUAL -> DiffLine.Kind.EQUAL;
            case CHANGE -> DiffLine.Kind.CHANGED;
            case INSERT -> DiffLine.Kind.INSERTED;
            case DELETE -> DiffLine.Kind.DELETED;
        }, row.getOldLine(), row.getNewLine())).toList();
    }

    private static List<String> split(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }
}
