package dev.bedrock4j.testkit.assertj;

/** Failure messages as the assertions write them, one argument per line. */
final class Lines {
    private Lines() {
    }

    static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines);
    }
}
