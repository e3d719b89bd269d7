package dev.bedrock4j.testkit.internal.server;

import dev.bedrock4j.testkit.LocalBedrockServer;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone emulator: {@code java -jar bedrock-testkit-VERSION-server.jar --port 8088 [--host 0.0.0.0]}
 * runs a {@link LocalBedrockServer} until the process is stopped (Ctrl+C, SIGTERM). Its first line on standard
 * output names the endpoint, so a program that starts it with {@code --port 0} can read the port there.
 */
public final class ServerMain {
    static final String USAGE = String.join("\n",
            "Usage: java -jar bedrock-testkit-VERSION-server.jar [--port PORT] [--host HOST]",
            "",
            "Runs the Bedrock4j local Bedrock server: the Bedrock Runtime and Bedrock Agent Runtime wire protocol",
            "(HTTP/1.1 and HTTP/2 cleartext) for any client, such as boto3, the AWS CLI or the JavaScript SDK,",
            "and a JSON control API under /_emulator/ that scripts it (GET /_emulator lists its endpoints).",
            "",
            "  --port PORT   the port to listen on (default 8088; 0 picks a free one)",
            "  --host HOST   the address to listen on (default 127.0.0.1; 0.0.0.0 for every address,",
            "                which lets other machines use the control API: it has no authentication)",
            "  --help        prints this",
            "");

    private ServerMain() {
    }

    /**
     * Starts the server and waits until the process is stopped.
     *
     * @param args {@code --port PORT}, {@code --host HOST}, {@code --help}
     */
    public static void main(String[] args) {
        LocalBedrockServer server;
        try {
            server = start(args, System.out);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("bedrock-testkit server: " + e.getMessage());
            System.err.print(e instanceof IllegalArgumentException ? USAGE : "");
            System.exit(e instanceof IllegalArgumentException ? 2 : 1);
            return;
        }
        if (server == null) {
            return; // --help
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "bedrock-local-shutdown"));
        try {
            stopped.await(); // the server's threads are daemons: this thread keeps the process alive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parses the arguments and starts the server, printing its endpoint; or prints the usage.
     *
     * @return the running server, or {@code null} when the arguments asked for help
     * @throws IllegalArgumentException if the arguments are wrong
     * @throws UncheckedIOException if the port cannot be bound
     */
    static LocalBedrockServer start(String[] args, PrintStream out) {
        LocalBedrockServer.Builder builder = LocalBedrockServer.builder().port(8088);
        String host = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return null;
                }
                case "--port" -> builder.port(port(value != null ? value : next(args, ++i, arg)));
                case "--host" -> {
                    host = value != null ? value : next(args, ++i, arg);
                    builder.host(host);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        LocalBedrockServer server = builder.start();
        out.println("Bedrock4j local Bedrock server listening on " + server.endpoint());
        out.println("Control API: " + server.endpoint() + ControlApi.PREFIX + " (Ctrl+C stops the server)");
        if (!isLoopback(host)) {
            out.println("Listening on " + host + ": other machines can script this server and read the requests"
                    + " it recorded; the control API has no authentication.");
        }
        out.flush();
        return server;
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, was \"" + value + "\"");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
