package dev.bedrock4j.evaluation.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.evaluation.CaseResult;
import dev.bedrock4j.evaluation.EvalReport;
import dev.bedrock4j.evaluation.MetricSummary;
import dev.bedrock4j.evaluation.RunSummary;
import dev.bedrock4j.core.spi.JsonSupport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders an evaluation report as a console table, Markdown and a self-contained HTML page. Thread-safe. */
public final class ReportFormat {
    private static final int WORST = 3;
    private static final String[] COLOURS = {"#2f6db5", "#d9822b", "#3a9b5c", "#b53a5f", "#7b5bb5", "#8a8a3b"};

    private ReportFormat() {
    }

    // ---------------------------------------------------------------- the one table, three renderings

    private static List<String> header(EvalReport report) {
        List<String> header = new ArrayList<>(List.of("model", "variant"));
        header.addAll(report.metrics());
        header.addAll(List.of("failed", "mean ms", "p95 ms", "tokens", "cost $"));
        return header;
    }

    private static List<List<String>> rows(EvalReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (RunSummary run : report.ranking()) {
            List<String> row = new ArrayList<>(List.of(run.model(), run.variant()));
            for (String metric : report.metrics()) {
                row.add(cell(run.metric(metric)));
            }
            row.add(run.failed() + "/" + run.cases());
            row.add(String.valueOf(run.meanLatency().toMillis()));
            row.add(String.valueOf(run.p95Latency().toMillis()));
            row.add(String.valueOf(run.usage().totalTokens()));
            row.add(money(run.cost()));
            rows.add(row);
        }
        return rows;
    }

    /** {@code 0.83 [0.71, 0.92]}, or {@code n/a} when nothing was scored. */
    static String cell(MetricSummary summary) {
        if (summary.n() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", summary.mean(), summary.low(), summary.high());
    }

    private static String money(BigDecimal dollars) {
        return dollars.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    /** The console table. */
    public static String table(EvalReport report) {
        List<String> header = header(report);
        List<List<String>> rows = rows(report);
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(report.suite().name()).append(": ").append(report.suite().size()).append(" cases, ranked by ")
                .append(report.metrics().get(0)).append('\n');
        line(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append("-".repeat(width)).append("  ");
        }
        out.append(rule.toString().stripTrailing()).append('\n');
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        out.append("intervals: ").append(report.intervalMethod()).append('\n');
        out.append("total: ").append(report.totalUsage().totalTokens()).append(" tokens, $").append(money(report.totalCost()))
                .append(" including metric calls\n");
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            boolean left = i < 2;
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(left ? cell + pad : pad + cell).append("  ");
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** The Markdown report. */
    public static String markdown(EvalReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# Evaluation: ").append(md(report.suite().name())).append("\n\n");
        out.append(report.suite().size()).append(" cases; ranked by `").append(report.metrics().get(0))
                .append("`; each score is the mean with its ").append(report.intervalMethod()).append(".\n\n");
        List<String> header = header(report);
        out.append('|');
        header.forEach(h -> out.append(' ').append(md(h)).append(" |"));
        out.append("\n|");
        for (int i = 0; i < header.size(); i++) {
            out.append(i < 2 ? " --- |" : " ---: |");
        }
        out.append('\n');
        for (List<String> row : rows(report)) {
            out.append('|');
            row.forEach(c -> out.append(' ').append(md(c)).append(" |"));
            out.append('\n');
        }
        String primary = report.metrics().get(0);
        out.append("\n## Worst cases by `").append(primary).append("`\n");
        for (RunSummary run : report.ranking()) {
            out.append("\n### ").append(md(run.model())).append(" / ").append(md(run.variant())).append("\n\n");
            List<CaseResult> worst = worst(report, run, primary);
            if (worst.isEmpty()) {
                out.append("No case scored below 1.00.\n");
            }
            for (CaseResult result : worst) {
                out.append("- `").append(md(result.caseId())).append("` ")
                        .append(String.format(Locale.ROOT, "%.2f", result.scores().get(primary))).append(": ")
                        .append(md(snippet(result))).append('\n');
            }
        }
        out.append("\nTotal: ").append(report.totalUsage().totalTokens()).append(" tokens, $")
                .append(money(report.totalCost())).append(" including metric calls.\n");
        return out.toString();
    }

    /** The lowest-scoring answers of a run, leaving out perfect ones. */
    private static List<CaseResult> worst(EvalReport report, RunSummary run, String metric) {
        return report.worstCases(run.model(), run.variant(), metric, WORST).stream()
                .filter(r -> r.scores().get(metric) < 1.0).toList();
    }

    private static String snippet(CaseResult result) {
        String text = result.error().map(e -> "[call failed] " + e).orElse(result.output()).replaceAll("\\s+", " ").strip();
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }

    private static String md(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    // ---------------------------------------------------------------- HTML

    /** The self-contained HTML page. */
    public static String html(EvalReport report) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Evaluation: ")
                .append(esc(report.suite().name())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px}")
                .append("td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}")
                .append(".note{color:#666;font-size:90%}\n</style>\n</head>\n<body>\n");
        out.append("<h1>Evaluation: ").append(esc(report.suite().name())).append("</h1>\n");
        out.append("<p>").append(report.suite().size()).append(" cases; ranked by <code>")
                .append(esc(report.metrics().get(0))).append("</code>.</p>\n");
        out.append("<table id=\"eval-table\">\n<thead><tr>");
        for (String h : header(report)) {
            out.append("<th>").append(esc(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows(report)) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                out.append(i < 2 ? "<td>" : "<td class=\"num\">").append(esc(row.get(i))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        out.append("<p class=\"note\">Each score is the mean with its ").append(esc(report.intervalMethod()))
                .append(". Total: ").append(report.totalUsage().totalTokens()).append(" tokens, $")
                .append(money(report.totalCost())).append(" including metric calls.</p>\n");
        out.append("<h2>Chart</h2>\n").append(chart(report));
        String primary = report.metrics().get(0);
        out.append("<h2>Worst cases by <code>").append(esc(primary)).append("</code></h2>\n");
        for (RunSummary run : report.ranking()) {
            out.append("<h3>").append(esc(run.model())).append(" / ").append(esc(run.variant())).append("</h3>\n<ul>\n");
            List<CaseResult> worst = worst(report, run, primary);
            if (worst.isEmpty()) {
                out.append("<li>No case scored below 1.00.</li>\n");
            }
            for (CaseResult result : worst) {
                out.append("<li><code>").append(esc(result.caseId())).append("</code> ")
                        .append(String.format(Locale.ROOT, "%.2f", result.scores().get(primary))).append(": ")
                        .append(esc(snippet(result))).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("<script type=\"application/json\" id=\"eval-data\">")
                .append(JsonSupport.write(data(report)).replace("</", "<\\/")).append("</script>\n");
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    /** One horizontal bar per run and metric, with the interval as a whisker, as inline SVG. */
    private static String chart(EvalReport report) {
        int labelWidth = 260;
        int barWidth = 400;
        int rowHeight = 22;
        List<RunSummary> runs = report.runs();
        int panelHeight = 28 + runs.size() * rowHeight;
        int height = report.metrics().size() * panelHeight + 10;
        int width = labelWidth + barWidth + 90;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"eval-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"mean score per run and metric\">\n");
        int y = 0;
        for (String metric : report.metrics()) {
            svg.append("<text x=\"0\" y=\"").append(y + 16).append("\" font-weight=\"bold\">").append(esc(metric)).append("</text>\n");
            svg.append("<line x1=\"").append(labelWidth).append("\" y1=\"").append(y + 22).append("\" x2=\"").append(labelWidth)
                    .append("\" y2=\"").append(y + panelHeight).append("\" stroke=\"#999\"/>\n");
            for (int i = 0; i < runs.size(); i++) {
                RunSummary run = runs.get(i);
                MetricSummary summary = run.metric(metric);
                int top = y + 26 + i * rowHeight;
                svg.append("<text x=\"").append(labelWidth - 6).append("\" y=\"").append(top + 13)
                        .append("\" text-anchor=\"end\">").append(esc(run.model() + " / " + run.variant())).append("</text>\n");
                if (summary.n() == 0) {
                    svg.append("<text x=\"").append(labelWidth + 6).append("\" y=\"").append(top + 13).append("\">n/a</text>\n");
                    continue;
                }
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"><title>%s</title></rect>%n",
                        labelWidth, top, summary.mean() * barWidth, COLOURS[i % COLOURS.length],
                        esc(run.model() + " / " + run.variant() + " " + metric + ": " + cell(summary))));
                double low = labelWidth + summary.low() * barWidth;
                double high = labelWidth + summary.high() * barWidth;
                svg.append(String.format(Locale.ROOT,
                        "<path class=\"interval\" d=\"M%.1f %d V%d M%.1f %d H%.1f M%.1f %d V%d\" stroke=\"#222\" fill=\"none\"/>%n",
                        low, top + 3, top + 13, low, top + 8, high, high, top + 3, top + 13));
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.2f</text>%n",
                        labelWidth + barWidth + 8, top + 13, summary.mean()));
            }
            y += panelHeight;
        }
        return svg.append("</svg>\n").toString();
    }

    private static ObjectNode data(EvalReport report) {
        ObjectNode data = JsonSupport.object();
        data.put("suite", report.suite().name());
        data.put("cases", report.suite().size());
        data.put("interval", report.intervalMethod());
        ArrayNode metrics = data.putArray("metrics");
        report.metrics().forEach(metrics::add);
        ArrayNode runs = data.putArray("runs");
        for (RunSummary run : report.runs()) {
            ObjectNode json = runs.addObject();
            json.put("model", run.model());
            json.put("modelId", run.modelId());
            json.put("variant", run.variant());
            json.put("cases", run.cases());
            json.put("failed", run.failed());
            json.put("tokens", run.usage().totalTokens());
            json.put("cost", run.cost());
            json.put("meanLatencyMs", run.meanLatency().toMillis());
            json.put("p95LatencyMs", run.p95Latency().toMillis());
            ObjectNode scores = json.putObject("metrics");
            for (MetricSummary summary : run.metrics().values()) {
                ObjectNode score = scores.putObject(summary.metric());
                score.put("n", summary.n());
                score.put("errors", summary.errors());
                if (summary.n() > 0) {
                    score.put("mean", summary.mean());
                    score.put("low", summary.low());
                    score.put("high", summary.high());
                }
            }
        }
        return data;
    }

    private static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
