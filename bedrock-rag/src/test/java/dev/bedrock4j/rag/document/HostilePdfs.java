package dev.bedrock4j.rag.document;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Writes PDFs byte by byte, for the cases PDFBox will not write: a page tree that lies about its size,
 * streams that decompress to far more than they hold, and files with many pages. Each is a few kilobytes.
 */
final class HostilePdfs {
    private final List<byte[]> objects = new ArrayList<>();

    private HostilePdfs() {
    }

    /** One page whose tree claims {@code count} pages. */
    static byte[] claimedPageCount(long count) {
        HostilePdfs pdf = new HostilePdfs();
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.add("<< /Type /Pages /Kids [3 0 R] /Count " + count + " >>");
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                + " /Resources << /Font << /F1 5 0 R >> >> >>");
        pdf.stream("", "BT /F1 12 Tf 72 720 Td (Only page.) Tj ET".getBytes(StandardCharsets.US_ASCII));
        pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        return pdf.write();
    }

    /** One page whose content stream is {@code megabytes} MiB of spaces compressed with Flate (about 1000:1). */
    static byte[] flateBombContent(int megabytes) {
        HostilePdfs pdf = new HostilePdfs();
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>");
        pdf.stream("/Filter /FlateDecode", deflatedZeros(megabytes, (byte) ' '));
        return pdf.write();
    }

    /**
     * A PDF whose objects sit in a compressed object stream that is padded to {@code megabytes} MiB; PDFBox
     * decodes such streams while it parses, before any page is read.
     */
    static byte[] flateBombObjectStream(int megabytes) {
        String header = "1 0 2 50 3 100 ";
        String catalog = pad("<< /Type /Catalog /Pages 2 0 R >>", 50);
        String pages = pad("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", 50);
        String page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>";
        int first = header.length();
        byte[] objects = (header + catalog + pages + page).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        long objStm = out.size();
        byte[] data = deflated(objects, megabytes, (byte) ' ');
        out.writeBytes(("4 0 obj\n<< /Type /ObjStm /N 3 /First " + first + " /Filter /FlateDecode /Length " + data.length
                + " >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes("\nendstream\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        long xref = out.size();
        // a cross-reference stream: type 1 = in the file at an offset, type 2 = in object stream 4 at an index
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        row(rows, 0, 0, 65535);
        row(rows, 2, 4, 0);
        row(rows, 2, 4, 1);
        row(rows, 2, 4, 2);
        row(rows, 1, objStm, 0);
        row(rows, 1, xref, 0);
        byte[] table = rows.toByteArray();
        out.writeBytes(("5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length " + table.length
                + " >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(table);
        out.writeBytes(("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** {@code pages} pages, each with one line of text, in a flat page tree. */
    static byte[] manyPages(int pages) {
        return manyPages(pages, pages);
    }

    /** {@code pages} pages, each with one line of text, in a flat page tree that claims {@code count}. */
    static byte[] manyPages(int pages, long count) {
        HostilePdfs pdf = new HostilePdfs();
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pages; i++) {
            kids.append(5 + i).append(" 0 R ");
        }
        pdf.add("<< /Type /Pages /Kids [" + kids + "] /Count " + count + " >>");
        pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        pdf.stream("", "BT /F1 12 Tf 72 720 Td (Page text.) Tj ET".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < pages; i++) {
            pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                    + " /Resources << /Font << /F1 3 0 R >> >> >>");
        }
        return pdf.write();
    }

    /**
     * A cross-reference stream that decompresses to {@code megabytes} MiB: its table, then zeros PDFBox never
     * reads but decodes all the same, while it parses, before it knows any object.
     */
    static byte[] flateBombXrefStream(int megabytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        String[] bodies = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"};
        long[] offsets = new long[bodies.length];
        for (int i = 0; i < bodies.length; i++) {
            offsets[i] = out.size();
            out.writeBytes(((i + 1) + " 0 obj\n" + bodies[i] + "\nendobj\n").getBytes(StandardCharsets.US_ASCII));
        }
        long xref = out.size();
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        row(rows, 0, 0, 65535);
        for (long offset : offsets) {
            row(rows, 1, offset, 0);
        }
        row(rows, 1, xref, 0);
        byte[] data = deflated(rows.toByteArray(), megabytes, (byte) 0);
        out.writeBytes(("4 0 obj\n<< /Type /XRef /Size 5 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length " + data.length
                + " >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * One page that draws a form {@code fanOut} times, which draws another {@code fanOut} times, {@code depth}
     * levels deep, the last showing a word: {@code fanOut ^ depth} words from a few kilobytes.
     */
    static byte[] nestedForms(int fanOut, int depth) {
        return nestedForms(fanOut, depth, "BT /F1 12 Tf 72 720 Td (word) Tj ET");
    }

    /** As {@link #nestedForms(int, int)}, the last form drawing nothing: all work, no text. */
    static byte[] nestedEmptyForms(int fanOut, int depth) {
        return nestedForms(fanOut, depth, "");
    }

    private static byte[] nestedForms(int fanOut, int depth, String leaf) {
        HostilePdfs pdf = new HostilePdfs();
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                + " /Resources << /XObject << /X 6 0 R >> >> >>");
        pdf.stream("", "/X Do".getBytes(StandardCharsets.US_ASCII));
        pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        String draw = "/X Do\n".repeat(fanOut);
        for (int level = 0; level < depth; level++) {
            int next = 7 + level;
            pdf.stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X " + next
                    + " 0 R >> >>", draw.getBytes(StandardCharsets.US_ASCII));
        }
        pdf.stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >>",
                leaf.getBytes(StandardCharsets.US_ASCII));
        return pdf.write();
    }

    /** One page that shows {@code characters} characters. */
    static byte[] longPage(int characters) {
        HostilePdfs pdf = new HostilePdfs();
        pdf.add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                + " /Resources << /Font << /F1 5 0 R >> >> >>");
        pdf.stream("", ("BT /F1 1 Tf 0 700 Td (" + "x".repeat(characters) + ") Tj ET").getBytes(StandardCharsets.US_ASCII));
        pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        return pdf.write();
    }

    private static String pad(String text, int length) {
        return text + " ".repeat(length - text.length());
    }

    private static void row(ByteArrayOutputStream rows, int type, long field2, int field3) {
        rows.write(type);
        rows.write((int) (field2 >>> 24));
        rows.write((int) (field2 >>> 16));
        rows.write((int) (field2 >>> 8));
        rows.write((int) field2);
        rows.write(field3 >>> 8);
        rows.write(field3);
    }

    private static byte[] deflatedZeros(int megabytes, byte fill) {
        return deflated(new byte[0], megabytes, fill);
    }

    /** {@code prefix} followed by {@code megabytes} MiB of {@code fill}, deflated with zlib. */
    private static byte[] deflated(byte[] prefix, int megabytes, byte fill) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        deflater.setInput(prefix);
        drain(deflater, buffer, out);
        byte[] chunk = new byte[1024 * 1024];
        java.util.Arrays.fill(chunk, fill);
        for (int i = 0; i < megabytes; i++) {
            deflater.setInput(chunk);
            drain(deflater, buffer, out);
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void drain(Deflater deflater, byte[] buffer, ByteArrayOutputStream out) {
        while (!deflater.needsInput()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
    }

    private void add(String dictionary) {
        objects.add(dictionary.getBytes(StandardCharsets.US_ASCII));
    }

    private void stream(String entries, byte[] data) {
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        object.writeBytes(("<< " + entries + " /Length " + data.length + " >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
        object.writeBytes(data);
        object.writeBytes("\nendstream".getBytes(StandardCharsets.US_ASCII));
        objects.add(object.toByteArray());
    }

    /** The file: header, numbered objects, a classic cross-reference table and the trailer. */
    private byte[] write() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            out.writeBytes(((i + 1) + " 0 obj\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(objects.get(i));
            out.writeBytes("\nendobj\n".getBytes(StandardCharsets.US_ASCII));
        }
        long xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (long offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        out.writeBytes(table.toString().getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
