package fi.aspa.search;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Relevance on the Service Catalogue: Aspa's search (with Voikko and with the pure-Java Finnish analysis)
 * beside plain Lucene with the Snowball analyzers and PostgreSQL full-text search, on both query sets.
 * Writes a summary to stdout and per-query rankings to bench/results/raw/search/.
 */
public final class RelevanceBench {
    private static final List<String> SETS = List.of("search-queries-dev.jsonl", "search-queries-aspa.jsonl");

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        boolean postgres = !options.contains("--no-postgres") && !options.contains("--quick");
        boolean baselines = !options.contains("--quick");
        boolean lexicon = !options.contains("--quick");
        List<String> sets = options.contains("--dev") ? SETS.subList(0, 1) : SETS;
        Map<String, String> groups = PtvCorpus.groups();
        OrganizationId org = new OrganizationId(UUID.randomUUID());
        List<SearchDocument> docs = PtvCorpus.documents(org);
        System.out.printf("corpus: %d documents (%d services in %d groups)%n", docs.size(),
                docs.stream().map(SearchDocument::id).distinct().count(), groups.values().stream().distinct().count());

        Map<String, Function<PtvCorpus.Query, List<String>>> engines = new LinkedHashMap<>();
        List<AutoCloseable> closing = new ArrayList<>();
        for (boolean voikko : lexicon ? new boolean[] {true, false} : new boolean[] {true}) {
            TextAnalysis analysis = TextAnalysis.create(voikko, 2);
            if (voikko && !"voikko".equals(analysis.finnishMorphology())) {
                System.out.println("Voikko not installed: the Voikko variant is left out");
                analysis.close();
                continue;
            }
            LuceneSearchIndex index = new LuceneSearchIndex(null, analysis, new ClasspathSynonyms(), ranking(), 2);
            long t0 = System.nanoTime();
            index.rebuild(org, docs.stream());
            System.out.printf("Aspa (%s): indexed in %d ms%n", analysis.finnishMorphology(), (System.nanoTime() - t0) / 1_000_000);
            closing.add(index);
            engines.put("Aspa, Finnish by " + analysis.finnishMorphology(), q -> index.search(
                    new SearchQuery(org, q.text(), q.language(), Set.of(DocumentType.SERVICE), Set.of(Visibility.PUBLIC), Map.of(), 50, false))
                    .hits().stream().map(SearchHit::id).toList());
        }
        if (baselines) {
            SnowballBaseline snowball = new SnowballBaseline(docs);
            engines.put("Lucene Snowball (baseline)", snowball::search);
        }
        if (postgres) {
            PostgresBaseline pg = new PostgresBaseline(docs);
            closing.add(pg);
            engines.put("PostgreSQL ts_rank_cd (baseline)", pg::search);
        }

        Path raw = Path.of("bench/results/raw/search");
        Files.createDirectories(raw);
        for (String set : sets) {
            List<PtvCorpus.Query> queries = PtvCorpus.queries(set);
            System.out.printf("%n## %s (%d queries)%n%n", set, queries.size());
            System.out.println("| engine | nDCG@10 | MRR@10 | recall@5 |");
            System.out.println("|---|---|---|---|");
            Map<String, Relevance.Scores> all = new LinkedHashMap<>();
            for (var engine : engines.entrySet()) {
                Relevance.Scores s = Relevance.evaluate(engine.getKey(), queries, groups, engine.getValue());
                all.put(engine.getKey(), s);
                System.out.printf("| %s | %.3f | %.3f | %.3f |%n", engine.getKey(), s.ndcg10(), s.mrr10(), s.recall5());
            }
            System.out.println();
            System.out.println("MRR@10 by query style and language:");
            Map<String, java.util.function.Predicate<PtvCorpus.Query>> slices = new TreeMap<>();
            for (PtvCorpus.Query q : queries) {
                slices.put("style " + q.style(), x -> x.style().equals(q.style()));
                slices.put("lang " + q.language().code(), x -> x.language() == q.language());
            }
            System.out.print("| slice | n |");
            all.keySet().forEach(k -> System.out.print(" " + k + " |"));
            System.out.println();
            System.out.println("|---|---|" + "---|".repeat(all.size()));
            for (var slice : slices.entrySet()) {
                long n = queries.stream().filter(slice.getValue()).count();
                System.out.print("| " + slice.getKey() + " | " + n + " |");
                for (Relevance.Scores s : all.values()) System.out.printf(" %.3f |", s.only(slice.getValue()).mrr10());
                System.out.println();
            }
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(raw.resolve(set.replace(".jsonl", ".txt"))))) {
                for (int i = 0; i < queries.size(); i++) {
                    PtvCorpus.Query q = queries.get(i);
                    out.printf("%s [%s] %s  relevant=%s  (%s)%n", q.id(), q.language().code(), q.text(), q.relevant().keySet().stream().map(x -> x.substring(0, 8)).toList(), q.note());
                    for (Relevance.Scores s : all.values()) {
                        Relevance.PerQuery p = s.perQuery().get(i);
                        out.printf("   %-40s rr=%.2f ndcg=%.2f top=%s%n", s.name(), p.rr10(), p.ndcg10(), p.top().stream().limit(5).map(x -> x.substring(0, 8)).toList());
                    }
                }
            }
        }
        for (AutoCloseable c : closing) c.close();
    }

    /** The default ranking, or -Dranking=title,keywords,body,fieldTie,inCompound,compound,partial,synonym,fuzzy. */
    static Ranking ranking() {
        String spec = System.getProperty("ranking");
        if (spec == null) return Ranking.DEFAULT;
        float[] v = new float[9];
        String[] parts = spec.split(",");
        for (int i = 0; i < 9; i++) v[i] = Float.parseFloat(parts[i]);
        return new Ranking(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }

    /** Plain Lucene: Snowball Finnish/Swedish (Lucene's FinnishAnalyzer, SwedishAnalyzer), EnglishAnalyzer; same fields and weights. */
    static final class SnowballBaseline {
        private final Map<Language, IndexSearcher> searchers = new EnumMap<>(Language.class);
        private final Map<Language, Analyzer> analyzers = new EnumMap<>(Language.class);

        SnowballBaseline(List<SearchDocument> docs) throws IOException {
            for (Language language : Language.values()) {
                Analyzer analyzer = switch (language) {
                    case FI -> new FinnishAnalyzer();
                    case SV -> new SwedishAnalyzer();
                    case EN -> new EnglishAnalyzer();
                };
                analyzers.put(language, analyzer);
                ByteBuffersDirectory dir = new ByteBuffersDirectory();
                try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                    for (SearchDocument d : docs) {
                        if (d.language() != language) continue;
                        Document doc = new Document();
                        doc.add(new StringField("id", d.id(), Field.Store.YES));
                        doc.add(new TextField("title", d.title(), Field.Store.NO));
                        doc.add(new TextField("body", d.body(), Field.Store.NO));
                        for (String k : d.keywords()) doc.add(new TextField("keywords", k, Field.Store.NO));
                        w.addDocument(doc);
                    }
                }
                searchers.put(language, new IndexSearcher(DirectoryReader.open(dir)));
            }
        }

        List<String> search(PtvCorpus.Query q) {
            try {
                Ranking r = Ranking.DEFAULT;
                MultiFieldQueryParser parser = new MultiFieldQueryParser(new String[] {"title", "keywords", "body"},
                        analyzers.get(q.language()), Map.of("title", r.title(), "keywords", r.keywords(), "body", r.body()));
                Query query = parser.parse(QueryParser.escape(q.text()));
                IndexSearcher s = searchers.get(q.language());
                List<String> ids = new ArrayList<>();
                for (ScoreDoc sd : s.search(query, 50).scoreDocs) ids.add(s.storedFields().document(sd.doc).get("id"));
                return ids;
            } catch (ParseException | IOException e) {
                return List.of();
            }
        }
    }

    /**
     * PostgreSQL full-text search: to_tsvector('finnish'/'swedish'/'english') of title (weight A), keywords (B)
     * and body (C); the query's lexemes OR-ed (plainto_tsquery with & replaced by |, so long questions still
     * match), ranked by ts_rank_cd.
     */
    static final class PostgresBaseline implements AutoCloseable {
        private final EmbeddedPostgres pg;
        private final Connection connection;

        PostgresBaseline(List<SearchDocument> docs) throws IOException, SQLException {
            pg = EmbeddedPostgres.builder().start();
            connection = pg.getPostgresDatabase().getConnection();
            try (var st = connection.createStatement()) {
                st.execute("create table docs (id text, lang text, cfg regconfig, doc tsvector)");
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "insert into docs values (?, ?, ?::regconfig, setweight(to_tsvector(?::regconfig, ?), 'A') || setweight(to_tsvector(?::regconfig, ?), 'B') || setweight(to_tsvector(?::regconfig, ?), 'C'))")) {
                for (SearchDocument d : docs) {
                    String cfg = config(d.language());
                    ps.setString(1, d.id());
                    ps.setString(2, d.language().code());
                    ps.setString(3, cfg);
                    ps.setString(4, cfg);
                    ps.setString(5, d.title());
                    ps.setString(6, cfg);
                    ps.setString(7, String.join(" ", d.keywords()));
                    ps.setString(8, cfg);
                    ps.setString(9, d.body());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (var st = connection.createStatement()) {
                st.execute("create index on docs using gin (doc)");
            }
        }

        private static String config(Language language) {
            return switch (language) {
                case FI -> "finnish";
                case SV -> "swedish";
                case EN -> "english";
            };
        }

        List<String> search(PtvCorpus.Query q) {
            String sql = """
                    with q as (select nullif(replace(plainto_tsquery(?::regconfig, ?)::text, '&', '|'), '')::tsquery as q)
                    select id from docs, q where lang = ? and q.q is not null and doc @@ q.q
                    order by ts_rank_cd(doc, q.q) desc, id limit 50""";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, config(q.language()));
                ps.setString(2, q.text());
                ps.setString(3, q.language().code());
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getString(1));
                }
                return ids;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws Exception {
            connection.close();
            pg.close();
        }
    }
}
