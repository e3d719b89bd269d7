package dev.bedrock4j.rag.document;

import dev.bedrock4j.rag.internal.document.BoundedRead;
import dev.bedrock4j.rag.internal.document.HtmlText;
import dev.bedrock4j.rag.internal.document.MarkdownTitle;
import dev.bedrock4j.rag.internal.document.PdfLimitExceeded;
import dev.bedrock4j.rag.internal.document.PdfText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 *
 * DocumentLoader uploads = DocumentLoader.builder().maxPages(500).maxDecodedBytes(64L << 20).build();
 * LoadReport checked = uploads.tryLoadAll(Path.of("uploads"));      // goes on past bad files, says why
 * }</pre>
 *
 * <h2>Safety</h2>
 * <p>A loader treats what it reads as untrusted, and every limit below has a safe default.
 * <ul>
 *   <li><b>Size.</b> A document over {@link Builder#maxBytes(long) maxBytes} is refused with a
 *       {@link DocumentTooLargeException} naming it, its size and the limit; a file is checked before it is
 *       read, a stream or download stops at the limit.</li>
 *   <li><b>PDFs.</b> A PDF with more than {@link Builder#maxPages(int) maxPages} pages is refused before any
 *       page is read, whether it claims them or has them. Its streams are decompressed under a budget of
 *       {@link Builder#maxDecodedBytes(long) maxDecodedBytes} for the whole file, so a decompression bomb stops
 *       at the budget instead of filling the heap. Both fail with a {@link DocumentLimitException} naming the
 *       file, what it needed and the limit. The text is taken in one pass, so time grows with the pages.</li>
 *   <li><b>Directories.</b> {@link #loadAll(Path)} stays inside the directory: a symbolic link (to a file or
 *       a directory) is followed only when its target is inside the directory too, else it is refused, unless
 *       the loader is built with {@link Builder#allowLinksOutsideDirectory(boolean)
 *       allowLinksOutsideDirectory(true)}. A file reachable by several paths is loaded once, under the first
 *       path in order; a link loop is reported, not followed. {@link #tryLoadAll(Path)} goes on past a file
 *       that fails and reports it.</li>
 *   <li><b>URLs.</b> A loader fetches a URL only when built with {@link Builder#allowUrlFetching(boolean)
 *       allowUrlFetching(true)}; otherwise {@link #load(URI)} accepts {@code file:} URIs only. It follows a
 *       redirect only to the same origin (scheme, host and port) as the URL it was given, at most
 *       {@value #MAX_REDIRECTS} times, unless built with {@link Builder#allowCrossOriginRedirects(boolean)
 *       allowCrossOriginRedirects(true)}; it never follows one to another scheme than {@code http} or
 *       {@code https}. Parsing HTML or PDF never fetches anything they reference.</li>
 * </ul>
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
    /** The default {@link Builder#maxPages(int)}: 10,000 pages. */
    public static final int DEFAULT_MAX_PAGES = 10_000;
    /** The default {@link Builder#maxDecodedBytes(long)}: 256 MiB. */
    public static final long DEFAULT_MAX_DECODED_BYTES = 256L * 1024 * 1024;
    /** The most redirects followed for one URL. */
    public static final int MAX_REDIRECTS = 5;

    private final long maxBytes;
    private final int maxPages;
    private final long maxDecodedBytes;
    private final boolean allowUrlFetching;
    private final boolean allowCrossOriginRedirects;
    private final boolean allowLinksOutsideDirectory;
    private final Duration urlTimeout;

    private DocumentLoader(Builder builder) {
        this.maxBytes = builder.maxBytes;
        this.maxPages = builder.maxPages;
        this.maxDecodedBytes = builder.maxDecodedBytes;
        this.allowUrlFetching = builder.allowUrlFetching;
        this.allowCrossOriginRedirects = builder.allowCrossOriginRedirects;
        this.allowLinksOutsideDirectory = builder.allowLinksOutsideDirectory;
        this.urlTimeout = builder.urlTimeout;
    }

    /**
     * A loader with the defaults: at most {@link #DEFAULT_MAX_BYTES} per document, {@link #DEFAULT_MAX_PAGES}
     * pages and {@link #DEFAULT_MAX_DECODED_BYTES} decoded bytes per PDF, no URL fetching, no links out of a
     * directory.
     *
     * @return the loader
     */
    public static DocumentLoader create() {
        return builder().build();
    }

    /**
     * A builder for a loader with other limits, or with URL fetching switched on.
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
     * The most pages one PDF may have.
     *
     * @return the limit
     */
    public int maxPages() {
        return maxPages;
    }

    /**
     * The budget of decoded bytes that bounds reading one PDF (see {@link Builder#maxDecodedBytes(long)}).
     *
     * @return the limit
     */
    public long maxDecodedBytes() {
        return maxDecodedBytes;
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
     * @throws DocumentLimitException if a PDF has more pages or decodes to more bytes than the limits allow
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
     * @throws DocumentLimitException if a PDF has more pages or decodes to more bytes than the limits allow
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
     * @throws DocumentLimitException if a PDF has more pages or decodes to more bytes than the limits allow
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
     *         an error or redirects to another origin (unless allowed), or the format cannot be told
     * @throws DocumentTooLargeException if the document is larger than the limit
     * @throws DocumentLimitException if a PDF has more pages or decodes to more bytes than the limits allow
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
     * Symbolic links are followed only to targets inside the directory (see the class description); a file
     * reachable by several paths is loaded once, under the first. Stops at the first file that fails; use
     * {@link #tryLoadAll(Path)} to go on past it.
     *
     * @param directory the directory
     * @return the documents
     * @throws DocumentTooLargeException if a file is larger than the limit
     * @throws DocumentLimitException if a PDF has too many pages or decodes to too many bytes
     * @throws DocumentLoadException if the directory or a file cannot be read, a link leads out of the directory,
     *         or links form a loop
     */
    public List<Document> loadAll(Path directory) {
        Listing listing = list(directory);
        if (!listing.failures.isEmpty()) {
            throw listing.failures.get(0).error();
        }
        List<Document> documents = new ArrayList<>(listing.files.size());
        for (Listed file : listing.files) {
            documents.add(loadListed(file));
        }
        return List.copyOf(documents);
    }

    /**
     * Loads every file of a supported format below a directory as {@link #loadAll(Path)} does, but goes on past
     * a file that cannot be loaded: the report holds the documents loaded and, for each file, link or
     * subdirectory that failed, its path and the exception {@code loadAll} would have thrown.
     *
     * <pre>{@code
     * LoadReport report = DocumentLoader.create().tryLoadAll(Path.of("uploads"));
     * report.failures().forEach(f -> log.warn("skipped {}: {}", f.path(), f.reason()));
     * }</pre>
     *
     * @param directory the directory
     * @return the documents and the failures, each in path order
     * @throws DocumentLoadException if the directory does not exist or is not a directory
     */
    public LoadReport tryLoadAll(Path directory) {
        Listing listing = list(directory);
        List<Document> documents = new ArrayList<>(listing.files.size());
        List<LoadReport.Failure> failures = new ArrayList<>(listing.failures);
        for (Listed file : listing.files) {
            try {
                documents.add(loadListed(file));
            } catch (DocumentLoadException e) {
                failures.add(new LoadReport.Failure(file.name, e));
            }
        }
        failures.sort(Comparator.comparing(LoadReport.Failure::path));
        return new LoadReport(documents, failures);
    }

    private Document loadListed(Listed file) {
        return decode(file.name, readFile(file.real, file.name, LinkOption.NOFOLLOW_LINKS), formatOf(file.name));
    }

    /** A file to load: its id (the path relative to the directory) and its real path. */
    private record Listed(String name, Path real) {
    }

    /** The files to load, in name order and each real file once, and what could not be listed. */
    private record Listing(List<Listed> files, List<LoadReport.Failure> failures) {
    }

    private Listing list(Path directory) {
        Path root;
        try {
            root = directory.toRealPath();
        } catch (NoSuchFileException e) {
            throw new DocumentLoadException("cannot list " + directory + ": no such directory", e);
        } catch (IOException e) {
            throw new DocumentLoadException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(root)) {
            throw new DocumentLoadException("cannot list " + directory + ": it is not a directory");
        }
        List<Listed> found = new ArrayList<>();
        List<LoadReport.Failure> failures = new ArrayList<>();
        try {
            Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                            if (dir.equals(directory)) {
                                return FileVisitResult.CONTINUE;
                            }
                            Path real = dir.toRealPath();
                            if (!allowLinksOutsideDirectory && !real.startsWith(root)) {
                                failures.add(outside(name(dir), real, directory));
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                            String name = name(file);
                            if (DocumentFormat.forFileName(name).isEmpty()) {
                                return FileVisitResult.CONTINUE;
                            }
                            if (attrs.isSymbolicLink()) {
                                failures.add(new LoadReport.Failure(name, new DocumentLoadException("cannot load " + name
                                        + ": it is a symbolic link whose target does not exist")));
                                return FileVisitResult.CONTINUE;
                            }
                            if (!attrs.isRegularFile()) {
                                return FileVisitResult.CONTINUE;
                            }
                            Path real = file.toRealPath();
                            if (!allowLinksOutsideDirectory && !real.startsWith(root)) {
                                failures.add(outside(name, real, directory));
                            } else {
                                found.add(new Listed(name, real));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            String name = name(file);
                            String why = e instanceof FileSystemLoopException
                                    ? "it is a symbolic link back to a directory above it (a loop); it was not followed"
                                    : "it cannot be read: " + e.getMessage();
                            failures.add(new LoadReport.Failure(name, new DocumentLoadException("cannot load " + name
                                    + ": " + why, e)));
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                            if (e != null) {
                                String name = name(dir);
                                failures.add(new LoadReport.Failure(name, new DocumentLoadException("cannot list " + name
                                        + ": " + e.getMessage(), e)));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        private String name(Path path) {
                            String name = directory.relativize(path).toString().replace('\\', '/');
                            return name.isEmpty() ? "." : name;
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            throw new DocumentLoadException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(Listed::name));
        Set<Path> seen = new HashSet<>();
        List<Listed> files = new ArrayList<>(found.size());
        for (Listed file : found) {
            if (seen.add(file.real)) {
                files.add(file);
            }
        }
        failures.sort(Comparator.comparing(LoadReport.Failure::path));
        return new Listing(files, failures);
    }

    private static LoadReport.Failure outside(String name, Path target, Path directory) {
        return new LoadReport.Failure(name, new DocumentLoadException("not loading " + name + ": it is a symbolic link"
                + " to " + target + ", outside " + directory + "; move the file into the directory, or build the loader"
                + " with DocumentLoader.builder().allowLinksOutsideDirectory(true) if links out of it are trusted"));
    }

    private static DocumentFormat formatOf(String name) {
        return DocumentFormat.forFileName(name).orElseThrow(() -> new DocumentLoadException("cannot tell the format"
                + " of " + name + " from its extension; use .txt, .md, .html or .pdf, or pass a DocumentFormat"));
    }

    private byte[] readFile(Path file, String name, LinkOption... options) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new DocumentTooLargeException(name, size, true, maxBytes);
            }
            try (InputStream in = Files.newInputStream(file, options)) {
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
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String name = uri.toString();
        URI current = uri;
        try {
            for (int redirects = 0; ; redirects++) {
                HttpRequest request = HttpRequest.newBuilder(current).timeout(urlTimeout).GET().build();
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    int status = response.statusCode();
                    if (isRedirect(status)) {
                        current = redirectTarget(uri, current, response, redirects);
                        continue;
                    }
                    if (status / 100 != 2) {
                        throw new DocumentLoadException("cannot fetch " + name + ": HTTP " + status
                                + (current.equals(uri) ? "" : " from " + current));
                    }
                    long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
                    if (declared > maxBytes) {
                        throw new DocumentTooLargeException(name, declared, true, maxBytes);
                    }
                    String contentType = response.headers().firstValue("content-type").orElse("");
                    String path = current.getPath() == null ? "" : current.getPath();
                    DocumentFormat format = DocumentFormat.forFileName(path)
                            .or(() -> formatOfContentType(contentType))
                            .orElseThrow(() -> new DocumentLoadException("cannot tell the format of " + name
                                    + " (content type \"" + contentType + "\"); load it as a stream with a DocumentFormat"));
                    return decode(name, BoundedRead.readAll(body, maxBytes, name), format);
                }
            }
        } catch (IOException e) {
            throw new DocumentLoadException("cannot fetch " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DocumentLoadException("interrupted while fetching " + name, e);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private URI redirectTarget(URI original, URI current, HttpResponse<?> response, int redirects) {
        String location = response.headers().firstValue("location").orElseThrow(() -> new DocumentLoadException(
                "cannot fetch " + original + ": " + current + " answered HTTP " + response.statusCode()
                        + " without a Location header"));
        URI target;
        try {
            target = current.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new DocumentLoadException("cannot fetch " + original + ": " + current + " redirects to an invalid URL", e);
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
            throw new DocumentLoadException("not fetching " + original + ": " + current + " redirects to " + target
                    + ", which is not an http or https URL");
        }
        if (!allowCrossOriginRedirects && !origin(target).equals(origin(original))) {
            throw new DocumentLoadException("not fetching " + original + ": " + current + " redirects to " + target
                    + ", another origin (" + origin(target) + " instead of " + origin(original) + "); fetch that URL"
                    + " directly if it is trusted, or build the loader with"
                    + " DocumentLoader.builder().allowCrossOriginRedirects(true)");
        }
        if (redirects >= MAX_REDIRECTS) {
            throw new DocumentLoadException("not fetching " + original + ": more than " + MAX_REDIRECTS + " redirects");
        }
        return target;
    }

    /** Scheme, host and port, the port made explicit. */
    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
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

    private Document decode(String name, byte[] bytes, DocumentFormat format) {
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

    private Document pdf(String name, byte[] bytes) {
        PdfText.Result pdf;
        try {
            pdf = PdfText.of(bytes, maxPages, maxDecodedBytes);
        } catch (PdfLimitExceeded e) {
            throw limit(name, e);
        } catch (IOException e) {
            throw new DocumentLoadException("cannot read " + name + " as PDF: " + e.getMessage()
                    + " (is it damaged, or encrypted with a password?)", e);
        }
        return Document.ofPages(name, pdf.pages(), titled(pdf.title()));
    }

    private static DocumentLimitException limit(String name, PdfLimitExceeded e) {
        if (e.kind() == PdfLimitExceeded.Kind.PAGES) {
            return new DocumentLimitException(name, DocumentLimitException.Limit.PAGES, e.value(), e.limit(),
                    name + " " + e.reason() + ", over the limit of " + e.limit() + " pages; raise it with"
                    + " DocumentLoader.builder().maxPages(...) if this PDF is expected");
        }
        return new DocumentLimitException(name, DocumentLimitException.Limit.DECODED_BYTES, e.value(), e.limit(),
                "stopped reading " + name + ": " + e.reason() + " (maxDecodedBytes is " + e.limit() + "); it may be a"
                + " decompression bomb; raise the limit with DocumentLoader.builder().maxDecodedBytes(...) only if this"
                + " PDF is trusted and expected");
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
        return "DocumentLoader[maxBytes=" + maxBytes + ", maxPages=" + maxPages + ", maxDecodedBytes=" + maxDecodedBytes
                + ", urlFetching=" + allowUrlFetching + "]";
    }

    /**
     * Builds a {@link DocumentLoader}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private long maxBytes = DEFAULT_MAX_BYTES;
        private int maxPages = DEFAULT_MAX_PAGES;
        private long maxDecodedBytes = DEFAULT_MAX_DECODED_BYTES;
        private boolean allowUrlFetching;
        private boolean allowCrossOriginRedirects;
        private boolean allowLinksOutsideDirectory;
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
         * Sets the most pages one PDF may have. A PDF that declares more, or has more, is refused with a
         * {@link DocumentLimitException} before any page is read.
         *
         * @param maxPages at least 1; default {@link DocumentLoader#DEFAULT_MAX_PAGES}
         * @return this
         */
        public Builder maxPages(int maxPages) {
            if (maxPages < 1) {
                throw new IllegalArgumentException("maxPages must be at least 1, was " + maxPages);
            }
            this.maxPages = maxPages;
            return this;
        }

        /**
         * Sets the budget that bounds the time and the memory reading one PDF takes. Against it count the bytes
         * each stream decompresses to, every time one is read (cross-reference and object streams, page contents,
         * forms, fonts; at least 1 KiB a read), and 16 bytes for each character of text taken. Within it, one
         * read of a stream may decompress to at most a quarter of the budget, and one page may hold one character
         * per 4 KiB of the budget (PDFBox keeps about a kilobyte per character until the page is done). With the
         * default of 256 MiB: 64 MiB a stream, 65,536 characters a page and at most 16 Mi characters of text, which
         * fits PDFs of some thousands of dense pages, or more sparse ones.
         *
         * <p>A PDF that needs more is refused with a {@link DocumentLimitException}: a few kilobytes of compressed
         * data can expand to gigabytes, and a small file can draw the same content thousands of times. The time a
         * PDF can take grows with the budget (PDFBox spends about a microsecond a character), and the memory with a
         * quarter of it, so lower it for untrusted uploads on a small heap, and raise it only for trusted, very
         * large PDFs.
         *
         * @param maxDecodedBytes at least 1 MiB; default {@link DocumentLoader#DEFAULT_MAX_DECODED_BYTES}
         * @return this
         */
        public Builder maxDecodedBytes(long maxDecodedBytes) {
            if (maxDecodedBytes < 1024 * 1024) {
                throw new IllegalArgumentException("maxDecodedBytes must be at least 1 MiB (1048576), was "
                        + maxDecodedBytes);
            }
            this.maxDecodedBytes = maxDecodedBytes;
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
         * Lets a fetched URL redirect to another origin (another scheme, host or port). Off by default: a
         * redirect is followed only to the origin of the URL given, so that a server cannot send the loader to
         * hosts or ports the caller did not name, such as services on the local network.
         *
         * @param allow whether to follow redirects to other origins
         * @return this
         */
        public Builder allowCrossOriginRedirects(boolean allow) {
            this.allowCrossOriginRedirects = allow;
            return this;
        }

        /**
         * Lets {@link DocumentLoader#loadAll(Path)} and {@link DocumentLoader#tryLoadAll(Path)} follow symbolic links
         * to files and directories outside the directory they load. Off by default, so that a link such as
         * {@code notes.txt -> /etc/passwd} placed in an upload directory is refused rather than read.
         *
         * @param allow whether to follow links out of the directory
         * @return this
         */
        public Builder allowLinksOutsideDirectory(boolean allow) {
            this.allowLinksOutsideDirectory = allow;
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
