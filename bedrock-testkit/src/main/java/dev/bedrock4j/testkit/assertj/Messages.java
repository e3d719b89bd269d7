package dev.bedrock4j.testkit.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Failure messages whose arguments AssertJ shows in its representation: strings quoted, lists as lists. */
final class Messages {
    private Messages() {
    }

    static ErrorMessageFactory message(String format, Object... arguments) {
        return new BasicErrorMessageFactory(format, arguments);
    }
}
