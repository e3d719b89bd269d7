package dev.bedrock4j.evaluation;

import dev.bedrock4j.evaluation.internal.TextTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small change to an input that should not change a good answer: typos, casing or whitespace. Each
 * is deterministic: the same text and seed always give the same result.
 *
 * <pre>{@code
 * String noisy = Perturbation.TYPOS.apply("Invoice from ACME Corporation", 7);   // e.g. "Invoice from ACME Corpoartion"
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum Perturbation {
    /** Swaps two adjacent letters inside about one word in ten (at least one) of four letters or more. */
    TYPOS {
        @Override
        List<String> perturb(List<String> runs, SplittableRandom random) {
            List<Integer> words = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                if (letters(runs.get(i)) >= 4) {
                    words.add(i);
                }
            }
            int typos = Math.max(1, Math.round(words.size() / 10f));
            for (int t = 0; t < typos && !words.isEmpty(); t++) {
                int index = words.remove(random.nextInt(words.size()));
                runs.set(index, swapInside(runs.get(index), random));
            }
            return runs;
        }
    },
    /** Upper- or lower-cases about half the words (at least one). */
    CASING {
        @Override
        List<String> perturb(List<String> runs, SplittableRandom random) {
            List<Integer> words = wordIndices(runs);
            if (words.isEmpty()) {
                return runs;
            }
            int forced = words.get(random.nextInt(words.size()));
            for (int i : words) {
                if (i == forced || random.nextBoolean()) {
                    String word = runs.get(i);
                    String upper = word.toUpperCase(Locale.ROOT);
                    runs.set(i, word.equals(upper) ? word.toLowerCase(Locale.ROOT) : upper);
                }
            }
            return runs;
        }
    },
    /** Doubles about a third of the gaps between words (at least one) and adds a trailing line break. */
    WHITESPACE {
        @Override
        List<String> perturb(List<String> runs, SplittableRandom random) {
            boolean changed = false;
            for (int i = 0; i < runs.size(); i++) {
                String run = runs.get(i);
                if (run.isBlank() && random.nextInt(3) == 0) {
                    runs.set(i, run + run);
                    changed = true;
                }
            }
            if (!changed) {
                runs.add(0, " ");
            }
            runs.add("\n");
            return runs;
        }
    };

    /**
     * Applies the change.
     *
     * @param text the text to change
     * @param seed the seed; the same text and seed give the same result
     * @return the changed text
     */
    public String apply(String text, long seed) {
        return String.join("", perturb(new ArrayList<>(TextTokens.runs(text)), new SplittableRandom(seed)));
    }

    abstract List<String> perturb(List<String> runs, SplittableRandom random);

    private static List<Integer> wordIndices(List<String> runs) {
        List<Integer> words = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (letters(runs.get(i)) > 0) {
                words.add(i);
            }
        }
        return words;
    }

    private static int letters(String run) {
        int n = 0;
        for (int i = 0; i < run.length(); i++) {
            if (Character.isLetter(run.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    // Swaps two adjacent, different letters away from the first and last character, if the word has such a pair.
    private static String swapInside(String word, SplittableRandom random) {
        List<Integer> pairs = new ArrayList<>();
        for (int i = 1; i + 2 < word.length(); i++) {
            char a = word.charAt(i);
            char b = word.charAt(i + 1);
            if (Character.isLetter(a) && Character.isLetter(b) && a != b) {
                pairs.add(i);
            }
        }
        if (pairs.isEmpty()) {
            return word;
        }
        int i = pairs.get(random.nextInt(pairs.size()));
        char[] chars = word.toCharArray();
        char swap = chars[i];
        chars[i] = chars[i + 1];
        chars[i + 1] = swap;
        return new String(chars);
    }
}
