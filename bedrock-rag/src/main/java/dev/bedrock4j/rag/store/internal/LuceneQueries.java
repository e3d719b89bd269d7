package dev.bedrock4j.rag.store.internal;

import dev.bedrock4j.rag.store.Filter;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** Lucene plumbing of the approximate store: filters as queries, and the HNSW format. Thread-safe. */
public final class LuceneQueries {
    /** The prefix of the indexed fields that hold metadata. */
    public static final String META_PREFIX = "meta.";
    /** The largest dimension the store accepts (Lucene's own default limit is 1024). */
    public static final int MAX_DIMENSIONS = 4096;

    private LuceneQueries() {
    }

    /** The Lucene query for a filter, or {@code null} for {@link Filter#all()}. */
    public static Query toQuery(Filter filter) {
        if (filter instanceof Filter.All) {
            return null;
        }
        if (filter instanceof Filter.Eq eq) {
            return new TermQuery(new Term(META_PREFIX + eq.key(), eq.value()));
        }
        if (filter instanceof Filter.In in) {
            return new TermInSetQuery(META_PREFIX + in.key(), in.values().stream().map(BytesRef::new).toList());
        }
        if (filter instanceof Filter.And and) {
            return combine(and.parts(), BooleanClause.Occur.FILTER);
        }
        if (filter instanceof Filter.Or or) {
            BooleanQuery.Builder any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
            for (Filter part : or.parts()) {
                any.add(orAll(toQuery(part)), BooleanClause.Occur.SHOULD);
            }
            return any.build();
        }
        Filter.Not not = (Filter.Not) filter;
        return new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                .add(orAll(toQuery(not.inner())), BooleanClause.Occur.MUST_NOT)
                .build();
    }

    private static Query combine(List<Filter> parts, BooleanClause.Occur occur) {
        BooleanQuery.Builder all = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
        for (Filter part : parts) {
            all.add(orAll(toQuery(part)), occur);
        }
        return all.build();
    }

    private static Query orAll(Query query) {
        return query == null ? new MatchAllDocsQuery() : query;
    }

    /**
     * Lucene's HNSW format with the given graph settings and a higher dimension limit. It writes the same
     * files under the same name as Lucene's own format, which therefore reads them back.
     *
     * @param mergeWorkers how many threads build the graph of a merged segment; 1 builds it on the merge thread
     * @param mergeExecutor the threads, or {@code null} when {@code mergeWorkers} is 1
     * @param scalarQuantized whether to keep 7-bit quantized copies of the vectors for the graph search
     *        ({@code Lucene99HnswScalarQuantizedVectorsFormat}) beside the floats
     */
    public static KnnVectorsFormat hnsw(int maxConnections, int beamWidth, int mergeWorkers,
                                        java.util.concurrent.ExecutorService mergeExecutor, boolean scalarQuantized) {
        KnnVectorsFormat delegate = scalarQuantized
                ? new org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat(maxConnections, beamWidth,
                        mergeWorkers, 7, false, null, mergeExecutor)
                : new Lucene99HnswVectorsFormat(maxConnections, beamWidth, mergeWorkers, mergeExecutor);
        return new KnnVectorsFormat(delegate.getName()) {
            @Override
            public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
                return delegate.fieldsWriter(state);
            }

            @Override
            public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
                return delegate.fieldsReader(state);
            }

            @Override
            public int getMaxDimensions(String fieldName) {
                return MAX_DIMENSIONS;
            }

            @Override
            public String toString() {
                return delegate.toString();
            }
        };
    }
}
