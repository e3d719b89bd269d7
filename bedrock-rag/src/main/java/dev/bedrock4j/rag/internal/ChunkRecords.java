package dev.bedrock4j.rag.internal;

import dev.bedrock4j.rag.RetrievedChunk;
import dev.bedrock4j.rag.SourceLocation;
import dev.bedrock4j.rag.chunk.Chunk;
import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.store.SearchResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a chunk is kept in a vector store: the document's metadata plus the chunk's position, so that a search
 * hit maps back to its source and place. Thread-safe.
 */
public final class ChunkRecords {
    static final String INDEX = "chunk_index";
    static final String START = "start_offset";
    static final String END = "end_offset";
    static final String LAST_PAGE = "last_page";

    private ChunkRecords() {
    }

    /** The metadata stored with a chunk. */
    public static Map<String, String> metadata(Chunk chunk) {
        Map<String, String> metadata = new LinkedHashMap<>(chunk.metadata());
        metadata.put(Chunk.DOCUMENT_ID, chunk.documentId());
        metadata.put(INDEX, Integer.toString(chunk.index()));
        metadata.put(START, Integer.toString(chunk.start()));
        metadata.put(END, Integer.toString(chunk.end()));
        if (chunk.firstPage() > 0) {
            metadata.put(Chunk.PAGE, Integer.toString(chunk.firstPage()));
            metadata.put(LAST_PAGE, Integer.toString(chunk.lastPage()));
        }
        return metadata;
    }

    /** The retrieved chunk of a search hit; entries stored without positions get what their metadata has. */
    public static RetrievedChunk retrieved(SearchResult hit) {
        Map<String, String> metadata = hit.metadata();
        String documentId = metadata.getOrDefault(Chunk.DOCUMENT_ID, hit.id());
        SourceLocation location = new SourceLocation(documentId, metadata.getOrDefault(Document.SOURCE, documentId),
                metadata.getOrDefault(Document.TITLE, ""), number(metadata.get(Chunk.PAGE), 0),
                number(metadata.get(START), -1), number(metadata.get(END), -1));
        return new RetrievedChunk(hit.text(), hit.score(), location, metadata);
    }

    private static int number(String value, int absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return absent;
        }
    }
}
