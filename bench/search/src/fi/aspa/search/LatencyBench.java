package fi.aspa.search;

import fi.aspa.platform.Language;
import fi.aspa.platform.OrganizationId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Speed on a large organization: N synthetic knowledge-base articles and cases (default 1,000,000) made of
 * sentences, titles and classifications of the Service Catalogue texts (fi 70 %, sv 20 %, en 10 %), written to
 * an on-disk index by a full rebuild; then incremental indexing and query latency with the benchmark queries.
 *
 * <pre>bench/search/run latency [documents] [--lexicon]</pre>
 */
public final class LatencyBench {
    private static final long SEED = 20260101L;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        boolean voikko = !List.of(args).contains("--lexicon");
        boolean queriesOnly = List.of(args).contains("--queries-only"); // reuse the index of the previous run
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench-search-index"));
        if (!queriesOnly) deleteRecursively(dir);
        Files.createDirectories(dir);

        Corpus corpus = new Corpus(PtvCorpus.documents(new OrganizationId(UUID.randomUUID())));
        TextAnalysis analysis = TextAnalysis.create(voikko, Runtime.getRuntime().availableProcessors());
        OrganizationId org = new OrganizationId(new UUID(0, 42));
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("machine: %d cores, %s, load %s; Finnish by %s; %d documents%n", threads,
                System.getProperty("java.vm.version"), loadAverage(), analysis.finnishMorphology(), n);

        try (LuceneSearchIndex index = new LuceneSearchIndex(dir, analysis, new ClasspathSynonyms(), RelevanceBench.ranking(), threads)) {
            if (!queriesOnly) write(index, corpus, org, n, dir);
            queries(index, org);
        }
        analysis.close();
    }

    private static void write(LuceneSearchIndex index, Corpus corpus, OrganizationId org, int n, Path dir) throws IOException {
        {
            long t0 = System.nanoTime();
            long indexed = index.rebuild(org, IntStream.range(0, n).mapToObj(i -> corpus.document(org, i)));
            double rebuildSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("full rebuild: %,d documents in %.1f s = %,.0f documents/s; index %,d MB on disk%n",
                    indexed, rebuildSeconds, indexed / rebuildSeconds, size(dir) / 1_000_000);

            // incremental: updates as the owners' events would send them, 100 documents per call (one commit each)
            int updates = Math.min(20_000, n);
            long t1 = System.nanoTime();
            for (int i = 0; i < updates; i += 100) {
                int from = i;
                index.indexAll(IntStream.range(from, Math.min(from + 100, updates)).mapToObj(j -> corpus.document(org, j)).toList());
            }
            double updateSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("incremental: %,d updates in batches of 100 (commit + refresh each) in %.1f s = %,.0f documents/s%n",
                    updates, updateSeconds, updates / updateSeconds);
            long t2 = System.nanoTime();
            for (int i = 0; i < 200; i++) index.index(corpus.document(org, n + i));
            System.out.printf("single-document update (commit + refresh): mean %.1f ms%n", (System.nanoTime() - t2) / 1e6 / 200);
        }
    }

    private static void queries(LuceneSearchIndex index, OrganizationId org) {
        {
            System.out.printf("index holds %,d documents%n", index.count(org));

            List<PtvCorpus.Query> queries = new ArrayList<>(PtvCorpus.queries("search-queries-dev.jsonl"));
            queries.addAll(PtvCorpus.queries("search-queries-aspa.jsonl"));
            for (PtvCorpus.Query q : queries) index.search(staff(org, q, false)); // warm up
            for (PtvCorpus.Query q : queries) index.search(staff(org, q, true));
            report("resident search (public, 10 hits, snippets)", queries, q -> SearchQuery.publicSearch(org, q.text(), q.language()), index);
            report("staff search (all types, 10 hits, snippets)", queries, q -> staff(org, q, false), index);
            report("staff search with facet counts", queries, q -> staff(org, q, true), index);
        }
    }

    private static SearchQuery staff(OrganizationId org, PtvCorpus.Query q, boolean facets) {
        return SearchQuery.staffSearch(org, q.text(), q.language()).withFacets(facets);
    }

    private static void report(String name, List<PtvCorpus.Query> queries, java.util.function.Function<PtvCorpus.Query, SearchQuery> make,
                               LuceneSearchIndex index) {
        int rounds = 5;
        long[] nanos = new long[queries.size() * rounds];
        long[] cpu = new long[nanos.length];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long hits = 0;
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (PtvCorpus.Query q : queries) {
                SearchQuery query = make.apply(q);
                long c = threads.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                SearchResult result = index.search(query);
                nanos[k] = System.nanoTime() - t;
                cpu[k++] = threads.getCurrentThreadCpuTime() - c;
                hits += result.totalHits();
            }
        }
        if (Boolean.getBoolean("slowest")) {
            Integer[] order = new Integer[queries.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            long[] perQuery = new long[queries.size()];
            for (int i = 0; i < cpu.length; i++) perQuery[i % queries.size()] += cpu[i];
            Arrays.sort(order, (x, y) -> Long.compare(perQuery[y], perQuery[x]));
            for (int i = 0; i < 12; i++) System.out.printf("   %.1f ms  %s%n", perQuery[order[i]] / 1e6 / rounds, queries.get(order[i]).text());
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        System.out.printf("%s: %d queries; wall p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; CPU p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (mean matches %,d; load %s)%n",
                name, nanos.length, nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6,
                cpu[cpu.length / 2] / 1e6, cpu[(int) (cpu.length * 0.95)] / 1e6, cpu[(int) (cpu.length * 0.99)] / 1e6, hits / nanos.length, loadAverage());
    }

    /** Synthetic documents, deterministic per index: the i-th document is always the same. */
    static final class Corpus {
        private final Map<Language, List<String>> sentences = new EnumMap<>(Language.class);
        private final Map<Language, List<String>> titles = new EnumMap<>(Language.class);
        private final List<SearchDocument> services;

        Corpus(List<SearchDocument> services) {
            this.services = services;
            for (Language l : Language.values()) {
                sentences.put(l, new ArrayList<>());
                titles.put(l, new ArrayList<>());
            }
            for (SearchDocument s : services) {
                titles.get(s.language()).add(s.title());
                for (String sentence : s.body().split("(?<=[.!?])\\s+|\\n+")) {
                    if (sentence.strip().length() > 20) sentences.get(s.language()).add(sentence.strip());
                }
            }
        }

        SearchDocument document(OrganizationId org, int i) {
            Random r = new Random(SEED + i);
            int l = r.nextInt(10);
            Language language = l < 7 ? Language.FI : l < 9 ? Language.SV : Language.EN;
            boolean isCase = r.nextBoolean();
            List<String> pool = sentences.get(language);
            StringBuilder body = new StringBuilder();
            int count = 2 + r.nextInt(7);
            for (int s = 0; s < count; s++) body.append(pool.get(r.nextInt(pool.size()))).append(' ');
            List<String> titlePool = titles.get(language);
            String title = titlePool.get(r.nextInt(titlePool.size()));
            if (isCase) title = title + ": " + pool.get(r.nextInt(pool.size())).split("\\s+")[0];
            SearchDocument service = services.get(r.nextInt(services.size()));
            Visibility visibility = isCase ? Visibility.STAFF_ONLY : r.nextInt(4) == 0 ? Visibility.INTERNAL : Visibility.PUBLIC;
            return new SearchDocument((isCase ? "case-" : "article-") + i, org, isCase ? DocumentType.CASE : DocumentType.ARTICLE, language,
                    title, body.toString().strip(), List.of(), service.facets(), visibility, Instant.ofEpochSecond(1_700_000_000L + i));
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
