package fi.aspa.search;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;

/**
 * One organization's Lucene index: its directory, the one writer, and near-real-time searchers. Writes are
 * serialized by {@link #lock} so a rebuild replaces the index atomically: searchers are refreshed only after
 * the rebuild's commit and keep the old snapshot until then.
 */
final class OrganizationIndex implements Closeable {
    final Directory directory;
    final IndexWriter writer;
    final SearcherManager searchers;
    final ReentrantLock lock = new ReentrantLock();

    OrganizationIndex(Directory directory, Analyzer analyzer, FacetsConfig facets) throws IOException {
        this.directory = directory;
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64);
        this.writer = new IndexWriter(directory, config);
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                return new FacetedSearcher(reader, facets);
            }
        });
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            searchers.close();
            writer.close();
            directory.close();
        } finally {
            lock.unlock();
        }
    }

    /** A searcher that builds its facet ordinals on first use (only searches that count facets pay for them). */
    static final class FacetedSearcher extends IndexSearcher {
        private final FacetsConfig config;
        private volatile SortedSetDocValuesReaderState facetState;
        private volatile boolean noFacets;

        FacetedSearcher(IndexReader reader, FacetsConfig config) {
            super(reader);
            this.config = config;
        }

        SortedSetDocValuesReaderState facetState() throws IOException {
            if (facetState == null && !noFacets) {
                synchronized (this) {
                    if (facetState == null && !noFacets) {
                        try {
                            facetState = new DefaultSortedSetDocValuesReaderState(getIndexReader(), config);
                        } catch (IllegalArgumentException empty) { // no document has facets yet
                            noFacets = true;
                        }
                    }
                }
            }
            return facetState;
        }
    }
}
