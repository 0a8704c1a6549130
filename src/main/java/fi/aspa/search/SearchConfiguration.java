package fi.aspa.search;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded Lucene {@link SearchIndex} with the Finnish, Swedish and English analyzers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchConfiguration.Settings.class)
class SearchConfiguration {

    /**
     * @param dir       where the organizations' indexes are kept; blank: in memory (lost at restart)
     * @param voikko    use Voikko for Finnish when it is installed; false: always the pure-Java lexicon
     * @param indexingThreads threads that analyze documents during a rebuild (0: one per processor)
     * @param synonymsFresh   how old a compiled synonym list may get before it is read again (an edit on another node)
     */
    @ConfigurationProperties("aspa.search")
    record Settings(@DefaultValue("") String dir, @DefaultValue("true") boolean voikko,
                    @DefaultValue("0") int indexingThreads, @DefaultValue("1m") Duration synonymsFresh) {
        int threads() {
            return indexingThreads > 0 ? indexingThreads : Runtime.getRuntime().availableProcessors();
        }
    }

    @Bean(destroyMethod = "close")
    SearchIndex searchIndex(Settings settings, SynonymSource synonyms) {
        TextAnalysis analysis = TextAnalysis.create(settings.voikko(), settings.threads());
        Path root = settings.dir().isBlank() ? null : Path.of(settings.dir());
        LuceneSearchIndex index = new LuceneSearchIndex(root, analysis, synonyms, Ranking.DEFAULT, settings.threads());
        index.synonymsFresh(settings.synonymsFresh());
        return index;
    }
}
