package dev.bedrock4j.examples.rag;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Usage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small deterministic stand-in for a model, for the offline tour: it answers with the sentences of the numbered
 * passages in its prompt that share the most words with the question, citing each passage as {@code [n]}, and it
 * rewrites a follow-up question by putting the thing the previous question was about in place of "it".
 */
final class OfflineRagModel {
    private static final Pattern PASSAGE = Pattern.compile(
            "\\[(\\d+)] (?:Source: [^\\n]*\\n)?(.*?)(?=\\n\\[\\d+] |\\n\\nQuestion: |\\z)", Pattern.DOTALL);
    private static final Pattern THING = Pattern.compile("\\b(?:my|the|your) ([a-z]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PRONOUN = Pattern.compile("\\b(it|them|that)\\b");
    private static final Set<String> STOP_WORDS = Set.of("what", "when", "where", "which", "will", "would", "does",
            "there", "their", "about", "with", "from", "have", "that", "this", "your", "after", "into", "them", "they",
            "many", "much", "long", "should", "could", "must", "before", "only", "also", "than", "then", "some");

    /** One candidate sentence: its passage number, how many question words it shares, and where it stands. */
    private record Candidate(int passage, String sentence, int score, int order) {
    }

    private OfflineRagModel() {
    }

    static ChatResponse answer(ChatRequest request) {
        String user = request.lastUserText();
        String answer;
        if (user.contains("Follow-up question:")) {
            answer = rewrite(user);
        } else {
            boolean local = user.startsWith("Passages:");
            String passages = local ? user : systemText(request);
            String question = local ? user.substring(user.lastIndexOf("Question:") + "Question:".length()).strip() : user;
            answer = cite(passages, question);
        }
        return ChatResponse.builder().text(answer).usage(Usage.of(words(user) + words(systemText(request)), words(answer)))
                .build();
    }

    /** The best one or two sentences of the passages, each with its passage's marker. */
    private static String cite(String passages, String question) {
        Set<String> asked = contentWords(question);
        List<Candidate> candidates = new ArrayList<>();
        Matcher passage = PASSAGE.matcher(passages);
        while (passage.find()) {
            int number = Integer.parseInt(passage.group(1));
            for (String line : passage.group(2).strip().split("\n\\s*\n")) {
                if (line.startsWith("#") || !line.strip().matches("(?s).*[.!?]")) {
                    continue; // a heading, not an answer
                }
                for (String sentence : line.strip().split("(?<=[.!?])\\s+")) {
                    Set<String> words = contentWords(sentence);
                    words.retainAll(asked);
                    candidates.add(new Candidate(number, sentence.replaceAll("\\s+", " ").strip(), words.size(),
                            candidates.size()));
                }
            }
        }
        candidates.sort(Comparator.comparingInt(Candidate::score).reversed());
        if (candidates.isEmpty() || candidates.get(0).score() == 0) {
            return "The documents do not say.";
        }
        int best = candidates.get(0).score();
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate candidate : candidates.subList(0, Math.min(2, candidates.size()))) {
            if (candidate == candidates.get(0) || candidate.score() >= 3 && candidate.score() * 2 >= best) {
                chosen.add(candidate);
            }
        }
        chosen.sort(Comparator.comparingInt(Candidate::order));
        StringBuilder answer = new StringBuilder();
        for (Candidate candidate : chosen) {
            String sentence = candidate.sentence();
            boolean period = sentence.endsWith(".");
            answer.append(answer.length() == 0 ? "" : " ")
                    .append(period ? sentence.substring(0, sentence.length() - 1) : sentence)
                    .append(" [").append(candidate.passage()).append(']').append(period ? "." : "");
        }
        return answer.toString();
    }

    /** "How do I cancel it?" after "When will my order ship?" becomes "How do I cancel my order?". */
    private static String rewrite(String prompt) {
        String followUp = line(prompt, "Follow-up question: ");
        String previous = "";
        for (String line : prompt.split("\n")) {
            if (line.startsWith("User: ")) {
                previous = line.substring("User: ".length());
            }
        }
        Matcher thing = THING.matcher(previous);
        Matcher pronoun = PRONOUN.matcher(followUp);
        if (thing.find() && pronoun.find()) {
            return followUp.substring(0, pronoun.start()) + "my " + thing.group(1) + followUp.substring(pronoun.end());
        }
        return followUp + " (" + previous + ")";
    }

    private static String line(String text, String prefix) {
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        return "";
    }

    private static String systemText(ChatRequest request) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : request.system()) {
            if (block instanceof ContentBlock.Text t) {
                text.append(t.text()).append('\n');
            }
        }
        return text.toString();
    }

    private static Set<String> contentWords(String text) {
        Set<String> words = new java.util.HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (word.length() > 3 && !STOP_WORDS.contains(word)) {
                words.add(word.endsWith("s") ? word.substring(0, word.length() - 1) : word);
            }
        }
        return words;
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }
}
