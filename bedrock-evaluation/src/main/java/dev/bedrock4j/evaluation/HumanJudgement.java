package dev.bedrock4j.evaluation;

import dev.bedrock4j.evaluation.internal.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * <p>The sheet is CSV with a header row; the columns read are {@code case_id}, {@code model},
 * {@code variant} and {@code rating}, in any order; others are ignored.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HumanJudgement implements Metric {
    /** The rating sheet's columns, in the order the report writes them. */
    static final List<String> COLUMNS = List.of("case_id", "model", "variant", "tags", "input", "expected", "output",
            "rating", "comment");

    private final Map<String, Double> ratings;
    private final int ratedCount;

    private HumanJudgement(Map<String, Double> ratings) {
        this.ratings = Map.copyOf(ratings);
        this.ratedCount = ratings.size();
    }

    /**
     * Reads a rating sheet with ratings from 1 to 5.
     *
     * @param csv the sheet
     * @return the metric, named {@code human}
     * @throws IllegalArgumentException naming the row, for a rating that is not a number on the scale
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
     * @throws IllegalArgumentException naming the row, for a rating that is not a number on the scale
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
     * @throws IllegalArgumentException naming the row, for a missing column or a rating off the scale
     */
    public static HumanJudgement parse(String csv, int min, int max) {
        if (min >= max) {
            throw new IllegalArgumentException("the scale needs min < max, was " + min + ".." + max);
        }
        List<List<String>> rows = Csv.parse(csv);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the rating sheet is empty; it needs a header row");
        }
        List<String> header = rows.get(0).stream().map(String::strip).toList();
        int caseId = column(header, "case_id");
        int model = column(header, "model");
        int variant = column(header, "variant");
        int rating = column(header, "rating");
        Map<String, Double> ratings = new HashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String value = cell(row, rating).strip();
            if (value.isEmpty()) {
                continue;
            }
            double grade;
            try {
                grade = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rating sheet row " + (r + 1) + ": rating '" + value
                        + "' is not a number; use " + min + " to " + max + " or leave it blank", e);
            }
            if (grade < min || grade > max) {
                throw new IllegalArgumentException("rating sheet row " + (r + 1) + ": rating " + value
                        + " is off the scale " + min + " to " + max);
            }
            String key = key(cell(row, model), cell(row, variant), cell(row, caseId));
            if (ratings.put(key, (grade - min) / (max - min)) != null) {
                throw new IllegalArgumentException("rating sheet row " + (r + 1) + " rates case '" + cell(row, caseId)
                        + "' of " + cell(row, model) + "/" + cell(row, variant) + " a second time; keep one row per answer");
            }
        }
        return new HumanJudgement(ratings);
    }

    private static int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("the rating sheet has no '" + name + "' column; its header is " + header);
        }
        return index;
    }

    private static String cell(List<String> row, int index) {
        return index < row.size() ? row.get(index) : "";
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
