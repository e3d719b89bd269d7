package dev.bedrock4j.rag.internal.document;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSInputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.ICOSParser;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.RandomAccessInputStream;
import org.apache.pdfbox.io.RandomAccessOutputStream;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadView;
import org.apache.pdfbox.io.RandomAccessReadWriteBuffer;
import org.apache.pdfbox.pdfparser.PDFParser;

/**
 * PDFBox's parser, with every stream it reads from the file decoded under a {@link PdfBudget}.
 *
 * <p>PDFBox decodes a stream into memory in one go, with no limit, so a few kilobytes of Flate data can
 * expand to gigabytes. Every stream PDFBox parses from a file, from its own parser and from its repair of
 * damaged files alike, is made by the document's {@link COSDocument#createCOSStream(COSDictionary, long, long)};
 * here it makes a {@link BoundedStream}, which decodes through the same filters but counts each byte they
 * write against the budget and stops the moment it is spent: cross-reference and object streams while
 * parsing, page contents, forms, fonts and character maps while text is extracted.
 *
 * <p>Not thread-safe; one parser reads one PDF.
 */
final class BoundedPdfParser extends PDFParser {

    BoundedPdfParser(RandomAccessRead source, PdfBudget budget) throws IOException {
        super(source);
        COSDocument unused = document;
        document = new BoundedDocument(this, budget);
        unused.close();
    }

    /** A document whose streams are {@link BoundedStream}s. */
    private static final class BoundedDocument extends COSDocument {
        private final ICOSParser parser;
        private final PdfBudget budget;

        BoundedDocument(ICOSParser parser, PdfBudget budget) {
            super(null, parser);
            this.parser = parser;
            this.budget = budget;
        }

        @Override
        public COSStream createCOSStream(COSDictionary dictionary, long startPosition, long streamLength)
                throws IOException {
            COSStream stream = new BoundedStream(parser.createRandomAccessReadView(startPosition, streamLength), budget);
            dictionary.forEach(stream::setItem);
            stream.setKey(dictionary.getKey());
            return stream;
        }
    }

    /** A stream from the file that decodes under the budget. */
    static final class BoundedStream extends COSStream {
        private final PdfBudget budget;

        BoundedStream(RandomAccessReadView data, PdfBudget budget) throws IOException {
            super(null, data);
            this.budget = budget;
        }

        /**
         * The filters, a single one as an array of one. The same to every reader of the stream; but PDFBox
         * decodes a page's contents with a single {@code /FlateDecode} straight from the raw bytes, past
         * {@link #createView()}, and the array sends it through {@code createView()} and the budget.
         */
        @Override
        public COSBase getFilters() {
            COSBase filters = super.getFilters();
            return filters instanceof COSName name ? new COSArray(List.of(name)) : filters;
        }

        @Override
        public RandomAccessRead createView() throws IOException {
            return decode(DecodeOptions.DEFAULT);
        }

        @Override
        public COSInputStream createInputStream(DecodeOptions options) throws IOException {
            RandomAccessRead decoded = decode(options);
            // a COSInputStream can only be made by a COSStream: one without filters over the decoded bytes
            COSStream plain = new COSStream(null, new RandomAccessReadView(decoded, 0, decoded.length(), true));
            return plain.createInputStream();
        }

        private RandomAccessRead decode(DecodeOptions options) throws IOException {
            List<Filter> filters = filters();
            budget.charge(PdfBudget.MIN_STREAM_COST);
            if (filters.isEmpty()) {
                // a copy: PDFBox reads a view of the file a byte at a time, each read a seek
                byte[] data;
                try (InputStream raw = createRawInputStream()) {
                    data = raw.readNBytes((int) Math.min(budget.maxStreamBytes() + 1, Integer.MAX_VALUE - 8));
                }
                if (data.length > budget.maxStreamBytes()) {
                    budget.streamTooLarge(data.length);
                }
                budget.charge(data.length);
                return new RandomAccessReadBuffer(data);
            }
            InputStream input = createRawInputStream();
            RandomAccessReadWriteBuffer decoded = null;
            for (int i = 0; i < filters.size(); i++) {
                if (decoded != null) {
                    decoded.seek(0);
                    input = new RandomAccessInputStream(decoded);
                }
                RandomAccessReadWriteBuffer output = new RandomAccessReadWriteBuffer();
                try (InputStream in = input) {
                    filters.get(i).decode(in, new Charged(new RandomAccessOutputStream(output), budget, budget.maxStreamBytes()), this, i, options);
                }
                decoded = output;
            }
            decoded.seek(0);
            return decoded;
        }

        /** The stream's filters as PDFBox reads them, each once, in order. */
        private List<Filter> filters() throws IOException {
            COSBase names = getFilters();
            Set<Filter> filters = new LinkedHashSet<>();
            if (names instanceof COSName name) {
                filters.add(FilterFactory.INSTANCE.getFilter(name));
            } else if (names instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    if (!(array.get(i) instanceof COSName name)) {
                        throw new IOException("Forbidden type in filter array: " + array.get(i));
                    }
                    filters.add(FilterFactory.INSTANCE.getFilter(name));
                }
            }
            return List.copyOf(filters);
        }
    }

    /** Charges the budget for every byte before it is written, and stops at the most one stream may hold. */
    private static final class Charged extends FilterOutputStream {
        private final PdfBudget budget;
        private final long max;
        private long written;

        Charged(OutputStream out, PdfBudget budget, long max) {
            super(out);
            this.budget = budget;
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > max) {
                budget.streamTooLarge(written);
            }
            budget.charge(len);
            out.write(b, off, len);
        }
    }
}
