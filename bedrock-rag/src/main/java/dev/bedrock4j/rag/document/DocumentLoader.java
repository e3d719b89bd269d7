package dev.bedrock4j.rag.document;

import dev.bedrock4j.rag.internal.document.BoundedRead;
import dev.bedrock4j.rag.internal.document.HtmlText;
import dev.bedrock4j.rag.internal.document.MarkdownTitle;
import dev.bedrock4j.rag.internal.document.PdfText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A document loader turns files, streams, strings and (only when asked to) URLs into {@link Document}s:
 * plain text, Markdown, HTML (its visible text) and PDF (the text of each page, with Apache PDFBox).
 *
 * <pre>{@code
 * DocumentLoader loader = DocumentLoader.create();                  // 50 MiB per document, no URLs
 * Document handbook = loader.load(Path.of("docs/handbook.pdf"));    // pages and title from the PDF
 * List<Document> all = loader.loadAll(Path.of("docs"));             // every supported file below docs/
 * Document faq = loader.parse("faq", "# FAQ\n\nReturns are free.", DocumentFormat.MARKDOWN);
 *
 * DocumentLoader web = DocumentLoader.builder().allowUrlFetching(true).build();
 * Document page = web.load(URI.create("https://example.com/returns.html"));
 * }</pre>
 *
 * <h2>Safety</h2>
 * <p>A loader reads only what it is given. It fetches a URL only when built with
 * {@link Builder#allowUrlFetching(boolean) allowUrlFetching(true)}; otherwise {@link #load(URI)} accepts
 * {@code file:} URIs only. Parsing HTML or PDF never fetches anything they reference. A document over
 * {@link Builder#maxBytes(long) maxBytes} is refused with a {@link DocumentTooLargeException} naming it, its
 * size and the limit; a file is checked before it is read, a stream or download stops at the limit.
 *
 * <h2>What each document holds</h2>
 * <p>Metadata {@value Document#SOURCE} is the path, URI or name given; {@value Document#TITLE} is the
 * Markdown's first level-one heading, the HTML {@code <title>} (else its first {@code <h1>}) or the PDF's
 * title, when there is one. Text is decoded as UTF-8 (HTML honours its declared charset) and line endings
 * become {@code \n}; Markdown is kept as written, since models read it well.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DocumentLoader {
    /** The default {@link Builder#maxBytes(long)}: 50 MiB. */
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
    /** The largest allowed {@link Builder#maxBytes(long)}, the most one array can hold. */
    public static final long MAX_BYTES_LIMIT = Integer.MAX_VALUE - 8;
    /** The default {@link Builder#urlTimeout(Duration)}. */
    public static final Duration DEFAULT_URL_TIMEOUT = Duration.ofSeconds(30);

    private final long maxBytes;
    private final boolean allowUrlFetching;
    private final Duration urlTimeout;

    private DocumentLoader(Builder builder) {
        this.maxBytes = builder.maxBytes;
        this.allowUrlFetching = builder.allowUrlFetching;
        this.urlTimeout = builder.urlTimeout;
    }

    /**
     * A loader with the defaults: at most {@link #DEFAULT_MAX_BYTES} per document, no URL fetching.
     *
     * @return the loader
     */
    public static DocumentLoader create() {
        return builder().build();
    }

    /**
     * A builder for a loader with another size limit, or with URL fetching switched on.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The most bytes one document may have.
     *
     * @return the limit
     */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Whether {@link #load(URI)} fetches {@code http} and {@code https} URLs.
     *
     * @return {@code true} only when switched on with the builder
     */
    public boolean allowsUrlFetching() {
        return allowUrlFetching;
    }

    /**
     * Loads a file in the format its extension names; the path as given becomes its id and source.
     *
     * @param file the file
     * @return the document
     * @throws DocumentTooLargeException if the file is larger than the limit (checked before reading)
     * @throws DocumentLoadException if the extension is unknown or the file is missing, unreadable or damaged
     */
    public Document load(Path file) {
        return load(file, formatOf(file.toString()));
    }

    /**
     * Loads a file in a given format; the path as given becomes its id and source.
     *
     * @param file the file
     * @param format its format
     * @return the document
     * @throws DocumentTooLargeException if the file is larger than the limit (checked before reading)
     * @throws DocumentLoadException if the file is missing, unreadable or damaged
     */
    public Document load(Path file, DocumentFormat format) {
        String name = file.toString().replace('\\', '/');
        return decode(name, readFile(file, name), format);
    }

    /**
     * Reads a stream to its end, stopping at the limit, and decodes it. The stream is not closed.
     *
     * @param in the stream
     * @param id the document's id and source, such as the file name it came from
     * @param format its format
     * @return the document
     * @throws DocumentTooLargeException if the stream has more bytes than the limit
     * @throws DocumentLoadException if reading fails or the content is damaged
     */
    public Document load(InputStream in, String id, DocumentFormat format) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(id, "id");
        try {
            return decode(id, BoundedRead.readAll(in, maxBytes, id), format);
        } catch (IOException e) {
            throw new DocumentLoadException("cannot read " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a document held in a string: plain text, Markdown or HTML.
     *
     * @param id the document's id and source
     * @param content the text, Markdown or HTML
     * @param format its format; not {@link DocumentFormat#PDF}, which is binary
     * @return the document
     * @throws IllegalArgumentException if the format is PDF
     * @throws DocumentTooLargeException if the content's UTF-8 encoding is larger than the limit
     */
    public Document parse(String id, String content, DocumentFormat format) {
        Objects.requireNonNull(content, "content");
        if (format == DocumentFormat.PDF) {
            throw new IllegalArgumentException("a PDF is binary; load it from a file or stream, not from a string");
        }
        long size = (long) content.length() * 3 > maxBytes ? content.getBytes(StandardCharsets.UTF_8).length : 0;
        if (size > maxBytes) {
            throw new DocumentTooLargeException(id, size, true, maxBytes);
        }
        return switch (format) {
            case HTML -> html(id, HtmlText.of(content));
            case MARKDOWN -> markdown(id, normalize(content));
            default -> Document.of(id, normalize(content));
        };
    }

    /**
     * Loads a document from a URI: {@code file:} always; {@code http:} and {@code https:} only when URL
     * fetching was switched on. The format comes from the path's extension, else the response's content type.
     *
     * @param uri the URI
     * @return the document, with the URI as id and source
     * @throws DocumentLoadException if fetching URLs is off, the scheme is unsupported, the server answers with
     *         an error, or the format cannot be told
     * @throws DocumentTooLargeException if the document is larger than the limit
     */
    public Document load(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return load(Path.of(uri));
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new DocumentLoadException("cannot load " + uri + ": only file:, http: and https: URIs are supported");
        }
        if (!allowUrlFetching) {
            throw new DocumentLoadException("not fetching " + uri + ": this loader does not fetch URLs; build one with"
                    + " DocumentLoader.builder().allowUrlFetching(true) if it should, or download the document yourself");
        }
        return fetch(uri);
    }

    /**
     * Loads every file of a supported format below a directory, in path order. Ids and sources are the
     * paths relative to the directory, with {@code /} separators; files of other formats are skipped.
     *
     * @param directory the directory
     * @return the documents
     * @throws DocumentTooLargeException if a file is larger than the limit
     * @throws DocumentLoadException if the directory or a file cannot be read
     */
    public List<Document> loadAll(Path directory) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> DocumentFormat.forFileName(f.getFileName().toString()).isPresent())
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DocumentLoadException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        List<Document> documents = new ArrayList<>(files.size());
        for (Path file : files) {
            String name = directory.relativize(file).toString().replace('\\', '/');
            documents.add(decode(name, readFile(file, name), formatOf(name)));
        }
        return List.copyOf(documents);
    }

    private static DocumentFormat formatOf(String name) {
        return DocumentFormat.forFileName(name).orElseThrow(() -> new DocumentLoadException("cannot tell the format"
                + " of " + name + " from its extension; use .txt, .md, .html or .pdf, or pass a DocumentFormat"));
    }

    private byte[] readFile(Path file, String name) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new DocumentTooLargeException(name, size, true, maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return BoundedRead.readAll(in, maxBytes, name);
            }
        } catch (NoSuchFileException e) {
            throw new DocumentLoadException("cannot load " + name + ": no such file", e);
        } catch (IOException e) {
            throw new DocumentLoadException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private Document fetch(URI uri) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(urlTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(urlTimeout).GET().build();
        String name = uri.toString();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new DocumentLoadException("cannot fetch " + name + ": HTTP " + response.statusCode());
                }
                long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
                if (declared > maxBytes) {
                    throw new DocumentTooLargeException(name, declared, true, maxBytes);
                }
                String contentType = response.headers().firstValue("content-type").orElse("");
                DocumentFormat format = DocumentFormat.forFileName(uri.getPath() == null ? "" : uri.getPath())
                        .or(() -> formatOfContentType(contentType))
                        .orElseThrow(() -> new DocumentLoadException("cannot tell the format of " + name
                                + " (content type \"" + contentType + "\"); load it as a stream with a DocumentFormat"));
                return decode(name, BoundedRead.readAll(body, maxBytes, name), format);
            }
        } catch (IOException e) {
            throw new DocumentLoadException("cannot fetch " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DocumentLoadException("interrupted while fetching " + name, e);
        }
    }

    private static Optional<DocumentFormat> formatOfContentType(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html") || type.startsWith("application/xhtml")) {
            return Optional.of(DocumentFormat.HTML);
        }
        if (type.startsWith("application/pdf")) {
            return Optional.of(DocumentFormat.PDF);
        }
        if (type.startsWith("text/markdown")) {
            return Optional.of(DocumentFormat.MARKDOWN);
        }
        if (type.startsWith("text/plain")) {
            return Optional.of(DocumentFormat.TEXT);
        }
        return Optional.empty();
    }

    private static Document decode(String name, byte[] bytes, DocumentFormat format) {
        Objects.requireNonNull(format, "format");
        return switch (format) {
            case TEXT -> Document.of(name, normalize(utf8(bytes)));
            case MARKDOWN -> markdown(name, normalize(utf8(bytes)));
            case HTML -> html(name, HtmlText.of(bytes));
            case PDF -> pdf(name, bytes);
        };
    }

    private static Document markdown(String name, String text) {
        return Document.of(name, text, titled(MarkdownTitle.of(text)));
    }

    private static Document html(String name, HtmlText.Result page) {
        return Document.of(name, page.text(), titled(page.title()));
    }

    private static Document pdf(String name, byte[] bytes) {
        PdfText.Result pdf;
        try {
            pdf = PdfText.of(bytes);
        } catch (IOException e) {
            throw new DocumentLoadException("cannot read " + name + " as PDF: " + e.getMessage()
                    + " (is it damaged, or encrypted with a password?)", e);
        }
        return Document.ofPages(name, pdf.pages(), titled(pdf.title()));
    }

    private static Map<String, String> titled(String title) {
        return title.isEmpty() ? Map.of() : Map.of(Document.TITLE, title);
    }

    private static String utf8(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String normalize(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    @Override
    public String toString() {
        return "DocumentLoader[maxBytes=" + maxBytes + ", urlFetching=" + allowUrlFetching + "]";
    }

    /**
     * Builds a {@link DocumentLoader}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private long maxBytes = DEFAULT_MAX_BYTES;
        private boolean allowUrlFetching;
        private Duration urlTimeout = DEFAULT_URL_TIMEOUT;

        private Builder() {
        }

        /**
         * Sets the most bytes one document may have; larger ones are refused.
         *
         * @param maxBytes the limit, from 1 to {@link DocumentLoader#MAX_BYTES_LIMIT}; default
         *                 {@link DocumentLoader#DEFAULT_MAX_BYTES}
         * @return this
         */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1 || maxBytes > MAX_BYTES_LIMIT) {
                throw new IllegalArgumentException("maxBytes must be between 1 and " + MAX_BYTES_LIMIT + ", was "
                        + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * Lets {@link DocumentLoader#load(URI)} fetch {@code http} and {@code https} URLs. Off by default, so
         * that a loader fed with untrusted names never makes network requests.
         *
         * @param allow whether to fetch URLs
         * @return this
         */
        public Builder allowUrlFetching(boolean allow) {
            this.allowUrlFetching = allow;
            return this;
        }

        /**
         * Sets how long connecting to a URL and waiting for its response may take.
         *
         * @param timeout a positive duration; default {@link DocumentLoader#DEFAULT_URL_TIMEOUT}
         * @return this
         */
        public Builder urlTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("urlTimeout must be positive, was " + timeout);
            }
            this.urlTimeout = timeout;
            return this;
        }

        /**
         * Builds the loader.
         *
         * @return the loader
         */
        public DocumentLoader build() {
            return new DocumentLoader(this);
        }
    }
}
