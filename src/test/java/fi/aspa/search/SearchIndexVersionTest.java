package fi.aspa.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fi.aspa.organization.Organization;
import fi.aspa.organization.Organizations;
import fi.aspa.platform.Language;
import fi.aspa.platform.LocalizedText;
import fi.aspa.platform.OrganizationId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An on-disk index records the version of its layout and content; one written by an older version (the single index
 * per organization of version 1, or an index whose commit says an older version) is rebuilt from the owners' data at
 * start-up, and a current one is left alone.
 */
class SearchIndexVersionTest {
    @TempDir
    Path root;

    private final OrganizationId org = SearchTestSupport.newOrganization();

    private LuceneSearchIndex open() {
        return new LuceneSearchIndex(root, SearchTestSupport.analysis(SearchTestSupport.Finnish.LEXICON), new ClasspathSynonyms(),
                Ranking.DEFAULT, 2);
    }

    private static List<SearchDocument> documents(OrganizationId org) {
        return List.of(SearchTestSupport.doc(org, "uimahalli", Language.FI, "Uimahalli", "Uimahallin aukioloajat."),
                SearchTestSupport.doc(org, "simhall", Language.SV, "Simhall", "Simhallens öppettider."));
    }

    private static List<String> ids(LuceneSearchIndex index, SearchQuery query) {
        return index.search(query).hits().stream().map(SearchHit::id).toList();
    }

    /** What version 1 left: one index directly in the organization's directory, with all languages, no version. */
    private void writeVersionOneIndex() throws IOException {
        try (FSDirectory dir = FSDirectory.open(Files.createDirectories(root.resolve(org.value().toString())));
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new KeywordAnalyzer()))) {
            Document d = new Document();
            d.add(new StringField(LuceneSearchIndex.ID, "resolved-case", Field.Store.YES));
            writer.addDocument(d);
            writer.commit();
        }
    }

    /** What version 2 left: one index per language directly in the language's directory, with every visibility. */
    private void writeVersionTwoIndex() throws IOException {
        try (FSDirectory dir = FSDirectory.open(Files.createDirectories(root.resolve(org.value().toString()).resolve("sv")));
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new KeywordAnalyzer()))) {
            Document d = new Document();
            d.add(new StringField(LuceneSearchIndex.ID, "staff-only-case", Field.Store.YES));
            writer.addDocument(d);
            writer.setLiveCommitData(Map.of(OrganizationIndex.VERSION_KEY, "2").entrySet());
            writer.commit();
        }
    }

    /** Rewrites the version recorded in the commit of the organization's Finnish public index. */
    private void recordVersion(int version) throws IOException {
        try (FSDirectory dir = FSDirectory.open(root.resolve(org.value().toString()).resolve("fi").resolve("public"));
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new KeywordAnalyzer()))) {
            writer.setLiveCommitData(Map.of(OrganizationIndex.VERSION_KEY, Integer.toString(version)).entrySet(), true);
            writer.commit();
        }
    }

    @Test
    void theSingleIndexOfVersionOneIsRebuiltIntoOneIndexPerLanguage() throws IOException {
        writeVersionOneIndex();
        try (LuceneSearchIndex index = open()) {
            assertThat(index.needsRebuild(org)).isTrue();
            assertThat(index.rebuild(org, documents(org).stream())).isEqualTo(2);
            assertThat(index.needsRebuild(org)).isFalse();
            assertThat(ids(index, SearchQuery.publicSearch(org, "uimahalli", Language.FI))).containsExactly("uimahalli");
            assertThat(ids(index, SearchQuery.publicSearch(org, "simhall", Language.SV))).containsExactly("simhall");
        }
        try (Stream<Path> left = Files.list(root.resolve(org.value().toString()))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("version 1's files are gone")
                    .containsExactlyInAnyOrder("fi", "sv", "en");
        }
        try (LuceneSearchIndex index = open()) {
            assertThat(index.needsRebuild(org)).as("after a restart").isFalse();
            assertThat(index.count(org)).isEqualTo(2);
        }
    }

    @Test
    void theIndexPerLanguageOfVersionTwoIsRebuiltIntoAPublicAndAStaffIndex() throws IOException {
        writeVersionTwoIndex();
        try (LuceneSearchIndex index = open()) {
            assertThat(index.needsRebuild(org)).isTrue();
            index.rebuild(org, documents(org).stream());
            assertThat(index.needsRebuild(org)).isFalse();
            assertThat(ids(index, SearchQuery.publicSearch(org, "simhall", Language.SV))).containsExactly("simhall");
        }
        try (Stream<Path> left = Files.list(root.resolve(org.value().toString()).resolve("sv"))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("version 2's files are gone")
                    .containsExactlyInAnyOrder("public", "staff");
        }
        try (LuceneSearchIndex index = open()) {
            assertThat(index.needsRebuild(org)).as("after a restart").isFalse();
            assertThat(index.count(org)).isEqualTo(2);
        }
    }

    @Test
    void anIndexOfAnOlderVersionNeedsARebuildUntilItIsRebuilt() throws IOException {
        try (LuceneSearchIndex index = open()) {
            assertThat(index.needsRebuild(org)).as("empty").isTrue();
            index.rebuild(org, documents(org).stream());
            assertThat(index.needsRebuild(org)).isFalse();
        }
        recordVersion(LuceneSearchIndex.VERSION - 1);
        try (LuceneSearchIndex index = open()) {
            assertThat(index.needsRebuild(org)).isTrue();
            index.index(SearchTestSupport.doc(org, "kirjasto", Language.FI, "Kirjasto", "Kirjaston aukioloajat."));
            assertThat(index.needsRebuild(org)).as("an update does not make old documents current").isTrue();
            index.rebuild(org, documents(org).stream());
            assertThat(index.needsRebuild(org)).isFalse();
        }
        try (LuceneSearchIndex index = open()) {
            assertThat(index.needsRebuild(org)).as("after a restart").isFalse();
        }
    }

    @Test
    void atStartUpOnlyStaleIndexesAreRebuiltFromTheSources() throws IOException {
        OrganizationId current = SearchTestSupport.newOrganization();
        writeVersionOneIndex();
        Organizations organizations = mock(Organizations.class);
        when(organizations.all()).thenReturn(List.of(
                new Organization(org, "old", new LocalizedText("Vanha", "Gammal", "Old"), "OLD"),
                new Organization(current, "current", new LocalizedText("Uusi", "Ny", "New"), "NEW")));
        AtomicInteger reads = new AtomicInteger();
        SearchDocumentSource source = organization -> {
            reads.incrementAndGet();
            return documents(organization).stream();
        };
        try (LuceneSearchIndex index = open()) {
            index.rebuild(current, documents(current).stream());
            new SourcesRebuild(index, List.of(source), organizations).rebuildStaleIndexes();
            assertThat(reads).as("only the old organization's documents were read").hasValue(1);
            assertThat(index.needsRebuild(org)).isFalse();
            assertThat(ids(index, SearchQuery.publicSearch(org, "aukioloaika", Language.FI))).containsExactly("uimahalli");
        }
    }
}
