package dev.bedrock4j.testkit.assertj;

import static dev.bedrock4j.testkit.assertj.Messages.message;

import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * The checks on something that records the requests it receives, a fake or the local server: how many
 * arrived, and an assertion on any one of them.
 *
 * <pre>{@code
 * assertThat(model).hasRequestCount(2).request(0).hasLastUserText("Hi");
 * assertThat(model).lastRequest().hasLastUserText("And now?");
 * }</pre>
 *
 * <p>Not thread-safe; confine each instance to one thread.
 *
 * @param <SELF> the assertion's own type, returned by every check for chaining
 * @param <ACTUAL> the type of the recorder under test
 * @param <REQUEST> the type of a recorded request
 * @param <REQUEST_ASSERT> the assertion on one recorded request
 */
public abstract class AbstractRequestsAssert<SELF extends AbstractRequestsAssert<SELF, ACTUAL, REQUEST, REQUEST_ASSERT>,
        ACTUAL, REQUEST, REQUEST_ASSERT extends AbstractAssert<REQUEST_ASSERT, ?>> extends AbstractAssert<SELF, ACTUAL> {

    /**
     * Creates the assertion.
     *
     * @param actual the recorder under test
     * @param selfType the concrete assertion class
     */
    protected AbstractRequestsAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * The requests the checks count, in arrival order.
     *
     * @return a snapshot of the recorded requests
     */
    protected abstract List<REQUEST> recordedRequests();

    /**
     * An assertion on one recorded request.
     *
     * @param request the request
     * @return the assertion
     */
    protected abstract REQUEST_ASSERT assertionOn(REQUEST request);

    /**
     * A short description of one request for failure messages, such as its last user text.
     *
     * @param request the request
     * @return the description
     */
    protected abstract String summary(REQUEST request);

    /**
     * How many requests were received; the size of {@link #recordedRequests()} unless the recorder keeps only
     * the most recent ones and counts the rest.
     *
     * @return the count
     */
    protected int receivedCount() {
        return recordedRequests().size();
    }

    /**
     * What the requests are called in failure messages; {@code "request"} unless narrowed.
     *
     * @return the noun, singular
     */
    protected String requestNoun() {
        return "request";
    }

    /**
     * Checks how many requests were received.
     *
     * @param expected the number of requests
     * @return this
     */
    public SELF hasRequestCount(int expected) {
        isNotNull();
        int received = receivedCount();
        if (received != expected) {
            List<REQUEST> requests = recordedRequests();
            String counted = expected + " " + (expected == 1 ? requestNoun() : requestNoun() + "s");
            throwAssertionError(message("%nExpecting %s to have received " + counted
                    + ", but it received %s:%n  %s", actual, received, summaries(requests)));
        }
        return myself;
    }

    /**
     * Checks that no request was received.
     *
     * @return this
     */
    public SELF hasNoRequests() {
        return hasRequestCount(0);
    }

    /**
     * Moves on to the most recent request.
     *
     * @return an assertion on it
     */
    public REQUEST_ASSERT lastRequest() {
        isNotNull();
        List<REQUEST> requests = recordedRequests();
        if (requests.isEmpty()) {
            throwAssertionError(message("%nExpecting %s to have received a " + requestNoun()
                    + ", but it received none", actual));
        }
        return describe(assertionOn(requests.get(requests.size() - 1)), "last " + requestNoun() + " to " + actual);
    }

    /**
     * Moves on to one request.
     *
     * @param index its position in arrival order, from 0
     * @return an assertion on it
     */
    public REQUEST_ASSERT request(int index) {
        isNotNull();
        List<REQUEST> requests = recordedRequests();
        if (index < 0 || index >= requests.size()) {
            throwAssertionError(message("%nExpecting %s to have received a " + requestNoun()
                    + " at index %s, but it received %s:%n  %s", actual, index, requests.size(), summaries(requests)));
        }
        return describe(assertionOn(requests.get(index)), requestNoun() + " [" + index + "] to " + actual);
    }

    private REQUEST_ASSERT describe(REQUEST_ASSERT assertion, String what) {
        String outer = descriptionText();
        return assertion.describedAs(outer == null || outer.isEmpty() ? what : outer + ", " + what);
    }

    private List<String> summaries(List<REQUEST> requests) {
        return requests.stream().map(this::summary).toList();
    }
}
