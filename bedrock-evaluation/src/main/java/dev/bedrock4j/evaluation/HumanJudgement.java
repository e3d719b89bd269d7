package dev.bedrock4j.evaluation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * People's ratings as a metric: the rating sheet an {@link EvalReport} exports
 * ({@link EvalReport#writeRatingSheet(Path)}), filled in and read back. Each rating is scaled from its
 * scale (1 to 5 by default) to 0..1; answers nobody rated are left out.
 *
 * <pre>{@code
 * EvalReport report = evaluation.run();
 * report.writeRatingSheet(Path.of("to-rate.csv"));
 * // ... reviewers fill in the rating column ...
 * EvalReport rated = report.withMetric(HumanJudgement.fromCsv(Path.of("to-rate.csv")));
 * }</pre>
 *
 * <p>The sheet is CSV (RFC 4180, as spreadsheets save it) with a header row; the columns read are
 * {@code case_id}, {@code model}, {@code variant} and {@code rating}, in any order; others are ignored.
 * Values that hold commas, quotes or line breaks are quoted, with each quote inside doubled; blank lines
 * and a leading byte order mark are skipped. A sheet that is not valid CSV is rejected with the line and
 * column of the problem.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HumanJudgement implements Metric {
    /** The rating sheet's columns, in the order the report writes them. */
    static final List<String> COLUMNS = List.of("case_id", "model", "variant", "tags", "input", "expected", "output",
            "rating", "comment");

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
    private static final CsvSchema SHEET = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING)
            .setUseHeader(true).setLineSeparator("\r\n").build();

    private final Map<String, Double> ratings;
    private final int ratedCount;

    private HumanJudgement(Map<String, Double> ratings) {
        this.ratings = Map.copyOf(ratings);
        this.ratedCount = ratings.size();
    }

    /**
     * Writes a rating sheet: the header row of {@link #COLUMNS}, then the rows, each line ending in CRLF.
     *
     * @param rows one row per answer, each with a value for every column, in the columns' order
     * @return the CSV text
     */
    static String sheet(List<List<String>> rows) {
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = CSV.writer(SHEET).writeValues(out)) {
            for (List<String> row : rows) {
                if (row.size() != COLUMNS.size()) {
                    throw new IllegalArgumentException("a rating sheet row needs " + COLUMNS.size() + " values "
                            + COLUMNS + ", was " + row.size());
                }
                writer.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rating sheet: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * Reads a rating sheet with ratings from 1 to 5.
     *
     * @param csv the sheet
     * @return the metric, named {@code human}
     * @throws IllegalArgumentException as {@link #parse(String, int, int)} does, for a sheet that is not a valid
     *         rating sheet
     * @throws UncheckedIOException if the file cannot be read
     */
    public static HumanJudgement fromCsv(Path csv) {
        return fromCsv(csv, 1, 5);
    }

    /**
     * Reads a rating sheet.
     *
     * @param csv the sheet
     * @param min the worst rating
     * @param max the best rating, above min
     * @return the metric, named {@code human}
     * @throws IllegalArgumentException as {@link #parse(String, int, int)} does, for a sheet that is not a valid
     *         rating sheet
     * @throws UncheckedIOException if the file cannot be read
     */
    public static HumanJudgement fromCsv(Path csv, int min, int max) {
        try {
            return parse(Files.readString(csv, StandardCharsets.UTF_8), min, max);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rating sheet " + csv + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a rating sheet.
     *
     * @param csv the sheet's text
     * @param min the worst rating
     * @param max the best rating, above min
     * @return the metric, named {@code human}
     * @throws IllegalArgumentException if the text is not valid CSV (naming the line and column), has no header
     *         row or lacks one of the columns read, or, naming the row, for a rating that is not a number on the
     *         scale or an answer rated twice
     */
    public static HumanJudgement parse(String csv, int min, int max) {
        Objects.requireNonNull(csv, "csv");
        if (min >= max) {
            throw new IllegalArgumentException("the scale needs min < max, was " + min + ".." + max);
        }
        List<Row> rows = rows(csv);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the rating sheet is empty; it needs a header row");
        }
        List<String> header = rows.get(0).cells().stream().map(String::strip).toList();
        int caseId = column(header, "case_id");
        int model = column(header, "model");
        int variant = column(header, "variant");
        int rating = column(header, "rating");
        Map<String, Double> ratings = new HashMap<>();
        for (Row row : rows.subList(1, rows.size())) {
            String value = row.cell(rating).strip();
            if (value.isEmpty()) {
                continue;
            }
            double grade;
            try {
                grade = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(row + ": rating '" + value + "' is not a number; use " + min
                        + " to " + max + " or leave it blank", e);
            }
            if (!(grade >= min && grade <= max)) {
                throw new IllegalArgumentException(row + ": rating " + value + " is off the scale " + min + " to " + max);
            }
            String key = key(row.cell(model), row.cell(variant), row.cell(caseId));
            if (ratings.put(key, (grade - min) / (max - min)) != null) {
                throw new IllegalArgumentException(row + " rates case '" + row.cell(caseId) + "' of " + row.cell(model)
                        + "/" + row.cell(variant) + " a second time; keep one row per answer");
            }
        }
        return new HumanJudgement(ratings);
    }

    private static int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("the rating sheet has no '" + name + "' column; its header is " + header);
        }
        if (header.lastIndexOf(name) != index) {
            throw new IllegalArgumentException("the rating sheet has two '" + name + "' columns; keep one. Its header is "
                    + header);
        }
        return index;
    }

    /** One record of the sheet: its number (the header is row 1), the line it starts on, and its values. */
    private record Row(int number, long line, List<String> cells) {
        String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }

        @Override
        public String toString() {
            return "rating sheet row " + number + " (line " + line + ")";
        }
    }

    /** Reads CSV records with Jackson's streaming parser, which knows where each record starts. */
    private static List<Row> rows(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Row> rows = new ArrayList<>();
        try (CsvParser parser = CSV.getFactory().createParser(body)) {
            try {
                List<String> cells = new ArrayList<>();
                long line = 1;
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    if (token == JsonToken.START_ARRAY) {
                        cells = new ArrayList<>();
                        line = parser.currentLocation().getLineNr();
                    } else if (token == JsonToken.END_ARRAY) {
                        rows.add(new Row(rows.size() + 1, line, List.copyOf(cells)));
                    } else if (token.isScalarValue()) {
                        cells.add(parser.getText());
                    }
                }
            } catch (JsonProcessingException e) {
                throw malformed(e, parser);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rating sheet: " + e.getMessage(), e);
        }
        return rows;
    }

    private static IllegalArgumentException malformed(JsonProcessingException e, CsvParser parser) {
        JsonLocation at = e.getLocation();
        StringBuilder message = new StringBuilder("the rating sheet is not valid CSV");
        if (at != null && at.getLineNr() > 0) {
            message.append(" at line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
        }
        message.append(": ").append(e.getOriginalMessage());
        JsonLocation value = parser.currentTokenLocation();
        if (value.getLineNr() > 0 && (at == null || value.getLineNr() != at.getLineNr()
                || value.getColumnNr() != at.getColumnNr())) {
            message.append(", in the value that starts on line ").append(value.getLineNr()).append(", column ")
                    .append(value.getColumnNr());
        }
        return new IllegalArgumentException(message.append("; a value that holds commas, quotes or line breaks must be")
                .append(" quoted, with each quote inside it doubled (\"\")").toString(), e);
    }

    private static String key(String model, String variant, String caseId) {
        return model + '\u0000' + variant + '\u0000' + caseId;
    }

    /**
     * How many answers were rated.
     *
     * @return the count
     */
    public int ratedCount() {
        return ratedCount;
    }

    @Override
    public String name() {
        return "human";
    }

    @Override
    public double score(Sample sample) {
        Double rating = ratings.get(key(sample.model(), sample.variant(), sample.evalCase().id()));
        return rating == null ? Double.NaN : rating;
    }

    @Override
    public String toString() {
        return "HumanJudgement[" + ratedCount + " ratings]";
    }
}
