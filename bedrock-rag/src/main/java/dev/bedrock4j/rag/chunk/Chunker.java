package dev.bedrock4j.rag.chunk;

import dev.bedrock4j.rag.document.Document;
import dev.bedrock4j.rag.internal.chunk.FixedWindows;
import dev.bedrock4j.rag.internal.chunk.RecursiveSplitter;
import java.util.List;

/**
 * A chunker cuts a document into {@link Chunk}s: passages small enough to embed and to quote in a prompt,
 * each with its source and position, so that an answer can cite them.
 *
 * <pre>{@code
 * Chunker windows = Chunker.fixed(200, 40);      // 200-token windows, 40 tokens shared by neighbours
 * Chunker natural = Chunker.recursive(300, 30);  // up to 300 tokens, cut at paragraphs, sentences, words
 * List<Chunk> chunks = natural.chunk(document);
 * }</pre>
 *
 * <h2>Tokens</h2>
 * <p>Sizes are in tokens, estimated as one token per {@value #CHARS_PER_TOKEN} characters (rounded up), the
 * usual rule of thumb for English text with Bedrock's models; no tokenizer is loaded. A chunk's text never
 * starts or ends with whitespace and is exactly the document's text between its offsets.
 *
 * <p>Implementations are thread-safe; create one and share it.
 */
public interface Chunker {
    /** Characters per token in the estimate every size is measured with. */
    int CHARS_PER_TOKEN = 4;

    /**
     * Cuts a document into chunks, in document order.
     *
     * @param document the document
     * @return the chunks, indexed from 0; empty when the document has no text
     */
    List<Chunk> chunk(Document document);

    /**
     * Fixed windows of {@code windowTokens}, each starting {@code overlapTokens} before the previous one
     * ended. A window ends at the last whitespace in its final quarter, if there is one, so that words stay
     * whole; the overlap likewise starts at a word.
     *
     * @param windowTokens the window size in tokens, at least 1
     * @param overlapTokens the tokens neighbours share, from 0 to {@code windowTokens - 1}
     * @return the chunker
     * @throws IllegalArgumentException if a size is out of range
     */
    static Chunker fixed(int windowTokens, int overlapTokens) {
        return new FixedWindows(windowTokens, overlapTokens);
    }

    /**
     * Chunks of at most {@code maxTokens} that end at the most natural boundary available: a paragraph (a
     * blank line) if the text allows, else a line, a sentence, a word, and only as a last resort inside a
     * word. Neighbouring pieces are merged up to the maximum; a chunk repeats whole trailing pieces (such as
     * sentences) of the one before, up to {@code overlapTokens}.
     *
     * @param maxTokens the most tokens in a chunk, at least 1
     * @param overlapTokens the most tokens a chunk repeats of the one before, from 0 to {@code maxTokens - 1}
     * @return the chunker
     * @throws IllegalArgumentException if a size is out of range
     */
    static Chunker recursive(int maxTokens, int overlapTokens) {
        return new RecursiveSplitter(maxTokens, overlapTokens);
    }

    /**
     * The estimated tokens of a text: its length divided by {@value #CHARS_PER_TOKEN}, rounded up.
     *
     * @param text the text
     * @return the estimate
     */
    static int estimateTokens(CharSequence text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
