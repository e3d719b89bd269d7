package dev.bedrock4j.testkit.internal.server;

import java.util.Map;

/** The HTTP status and error code of each modeled exception, for faults sent outside a stream and for the fakes. Thread-safe. */
public final class InStreamErrors {
    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("throttlingException", 429),
            Map.entry("internalServerException", 500),
            Map.entry("serviceUnavailableException", 503),
            Map.entry("validationException", 400),
            Map.entry("modelStreamErrorException", 424),
            Map.entry("modelTimeoutException", 408),
            Map.entry("accessDeniedException", 403),
            Map.entry("resourceNotFoundException", 404),
            Map.entry("dependencyFailedException", 424),
            Map.entry("badGatewayException", 502),
            Map.entry("conflictException", 409),
            Map.entry("serviceQuotaExceededException", 400),
            Map.entry("modelNotReadyException", 429));

    private InStreamErrors() {
    }

    public static int status(String exceptionType) {
        return STATUS.getOrDefault(exceptionType, 500);
    }

    public static String errorCode(String exceptionType) {
        return Character.toUpperCase(exceptionType.charAt(0)) + exceptionType.substring(1);
    }
}
