package dev.bedrock4j.testkit.internal.server;

import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.WireEvent;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side of the local server: one port that speaks HTTP/1.1 and HTTP/2 cleartext with prior knowledge
 * (told apart by the 24-byte HTTP/2 preface), hands each request to the {@link BedrockEngine} (or, under
 * {@value ControlApi#PREFIX}, to the {@link ControlApi}) on a worker thread, writes the answer (event streams
 * frame by frame) and applies transport faults. Whatever fails while answering, the client gets a response:
 * a 500 naming the failure, which is logged. Thread-safe.
 */
public final class NettyTransport implements AutoCloseable {
    private static final byte[] H2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final BedrockEngine engine;
    private final ControlApi control;
    private final EventLoopGroup loops;
    private final EventExecutorGroup workers;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel serverChannel;
    private final java.util.concurrent.atomic.AtomicInteger abandonedStreams = new java.util.concurrent.atomic.AtomicInteger();
    // Bumped by forgetAbandonedStreams(): a stream started before then is not counted when it is abandoned later.
    private final java.util.concurrent.atomic.AtomicInteger generation = new java.util.concurrent.atomic.AtomicInteger();
    /** Every thread the server started, so that close() returns only once they have ended. */
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Streams whose client went away before the last event, among paced streams started since the last reset. */
    public int abandonedStreams() {
        return abandonedStreams.get();
    }

    /** Starts counting abandoned streams from zero, ignoring the streams already running. */
    public void forgetAbandonedStreams() {
        synchronized (generation) {
            generation.incrementAndGet();
            abandonedStreams.set(0);
        }
    }

    private void abandoned(int startedIn) {
        synchronized (generation) {
            if (generation.get() == startedIn) {
                abandonedStreams.incrementAndGet();
            }
        }
    }

    private NettyTransport(BedrockEngine engine, ControlApi control, InetSocketAddress address) {
        this.engine = engine;
        this.control = control;
        this.loops = new NioEventLoopGroup(2, recorded("bedrock-local-io"));
        this.workers = new DefaultEventExecutorGroup(4, recorded("bedrock-local-worker"));
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(loops)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast("sniffer", new ProtocolSniffer());
                        }
                    })
                    .bind(address)
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) { // Netty rethrows a BindException, checked, without declaring it
            shutdownGroups();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot listen on " + address.getHostString() + ":" + address.getPort()
                        + ": " + io.getMessage() + (address.getPort() == 0 ? "" : "; choose another port, or 0 for a free one"),
                        io);
            }
            throw e;
        }
    }

    /**
     * Binds a port and starts serving.
     *
     * @param host the host name or address to listen on, such as {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param port the port, or 0 for a free one
     * @throws UncheckedIOException if the port cannot be bound (in use, say)
     * @throws IllegalArgumentException if the host name cannot be resolved
     */
    public static NettyTransport start(BedrockEngine engine, ControlApi control, String host, int port) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unknown host \"" + host + "\": pass a host name of this machine or an"
                    + " address such as 127.0.0.1 or 0.0.0.0");
        }
        return new NettyTransport(engine, control, address);
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The bound port. */
    public int port() {
        return address().getPort();
    }

    /** Closes the port and every connection, and stops the threads. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        shutdownGroups();
    }

    private void shutdownGroups() {
        io.netty.util.concurrent.Future<?> stoppedWorkers = workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        stoppedWorkers.awaitUninterruptibly(3, TimeUnit.SECONDS);
        // an executor reports its end a moment before its thread ends
        boolean interrupted = false;
        for (Thread thread : threads) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads with this name prefix, each remembered in {@link #threads}. */
    private DefaultThreadFactory recorded(String prefix) {
        return new DefaultThreadFactory(prefix, true) {
            @Override
            protected Thread newThread(Runnable task, String name) {
                Thread thread = super.newThread(task, name);
                threads.add(thread);
                return thread;
            }
        };
    }

    // ------------------------------------------------------------------ pipelines

    /** Looks at the first bytes of a connection and installs the HTTP/1.1 or the HTTP/2 pipeline. */
    private final class ProtocolSniffer extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int available = Math.min(in.readableBytes(), H2_PREFACE.length);
            for (int i = 0; i < available; i++) {
                if (in.getByte(in.readerIndex() + i) != H2_PREFACE[i]) {
                    http1(ctx.pipeline());
                    return;
                }
            }
            if (available == H2_PREFACE.length) {
                http2(ctx.pipeline());
            }
        }

        private void http1(ChannelPipeline pipeline) {
            pipeline.addAfter("sniffer", "http", new HttpServerCodec());
            pipeline.addAfter("http", "aggregator", new HttpObjectAggregator(MAX_BODY));
            pipeline.addAfter(workers, "aggregator", "handler", new RequestHandler(false));
            pipeline.remove(this);
        }

        private void http2(ChannelPipeline pipeline) {
            pipeline.addAfter("sniffer", "h2", Http2FrameCodecBuilder.forServer()
                    .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(1000))
                    .gracefulShutdownTimeoutMillis(0)
                    .build());
            pipeline.addAfter("h2", "streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                @Override
                protected void initChannel(Http2StreamChannel ch) {
                    ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                    ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY));
                    ch.pipeline().addLast(workers, "handler", new RequestHandler(true));
                }
            }));
            pipeline.remove(this);
        }
    }

    /** Hands a complete request to the engine and writes its answer. */
    private final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final boolean h2;

        RequestHandler(boolean h2) {
            this.h2 = h2;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String what = request.method().name() + " " + request.uri();
            Outgoing outgoing;
            try {
                outgoing = new Outgoing(answer(request));
            } catch (Throwable e) {
                // an Error too: Netty would close the connection without a word, and the client see an empty reply
                outgoing = new Outgoing(Failures.answer(what, e));
            }
            send(ctx, outgoing);
        }

        private Answer answer(FullHttpRequest request) {
            if (request.decoderResult().isFailure()) {
                return Answer.error(400, "ValidationException", "The request is not valid HTTP: "
                        + request.decoderResult().cause().getMessage());
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Map.Entry<String, String> header : request.headers()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (!name.startsWith("x-http2-")) {
                    headers.computeIfAbsent(name, n -> new ArrayList<>()).add(header.getValue());
                }
            }
            byte[] body = ByteBufUtil.getBytes(request.content());
            BedrockEngine.Incoming incoming = new BedrockEngine.Incoming(request.method().name(), request.uri(), headers,
                    body, h2 ? "HTTP/2.0" : "HTTP/1.1");
            return ControlApi.serves(request.uri()) ? control.handle(incoming) : engine.handle(incoming);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Failures.connectionFailed(ctx.channel().remoteAddress(), cause);
            ctx.close();
        }

        private Channel connection(ChannelHandlerContext ctx) {
            return h2 ? ((Http2StreamChannel) ctx.channel()).parent() : ctx.channel();
        }

        private void send(ChannelHandlerContext ctx, Outgoing outgoing) {
            Fault fault = outgoing.answer.fault();
            if (fault instanceof Fault.ConnectionReset) {
                Channel connection = connection(ctx);
                connection.config().setOption(ChannelOption.SO_LINGER, 0);
                closeAbruptly(connection);
            } else if (fault instanceof Fault.Latency latency) {
                ctx.executor().schedule(() -> sendNow(ctx, outgoing), latency.delay().toNanos(), TimeUnit.NANOSECONDS);
            } else {
                sendNow(ctx, outgoing);
            }
        }

        private void sendNow(ChannelHandlerContext ctx, Outgoing outgoing) {
            Answer answer = outgoing.answer;
            Fault fault = answer.fault();
            if (!answer.streaming()) {
                if (fault instanceof Fault.CutStream) {
                    closeAbruptly(connection(ctx));
                    return;
                }
                byte[] body = answer.body();
                if (fault instanceof Fault.MalformedFrame) {
                    body = truncatedInsideAString(body);
                }
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(body));
                answer.headers().forEach((name, value) -> response.headers().set(name, value));
                if (answer.status() != 204) { // a 204 carries no Content-Length (RFC 9110)
                    HttpUtil.setContentLength(response, body.length);
                }
                ctx.writeAndFlush(response);
                return;
            }
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()));
            answer.headers().forEach((name, value) -> head.headers().set(name, value));
            if (!h2) {
                head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
            }
            ChannelFuture last = ctx.writeAndFlush(head);
            List<byte[]> frames = outgoing.frames;
            int limit = frames.size();
            if (fault instanceof Fault.CutStream cut) {
                limit = Math.min(limit, cut.afterEvents());
            } else if (fault instanceof Fault.MalformedFrame malformed) {
                limit = Math.min(limit, malformed.afterEvents());
            }
            if (fault instanceof Fault.Paced paced) {
                sendPaced(ctx, frames, 0, paced.between().toNanos(), generation.get());
                return;
            }
            for (int i = 0; i < limit; i++) {
                last = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(frames.get(i))));
            }
            if (fault instanceof Fault.CutStream) {
                Channel connection = connection(ctx);
                last.addListener(done -> closeAbruptly(connection));
                return;
            }
            if (fault instanceof Fault.MalformedFrame) {
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(outgoing.spoiled)));
            }
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }

        /** Writes one event after a pause, then schedules the next; stops when the client has gone. */
        private void sendPaced(ChannelHandlerContext ctx, List<byte[]> frames, int next, long pauseNanos, int startedIn) {
            ctx.executor().schedule(() -> {
                if (!ctx.channel().isActive()) {
                    abandoned(startedIn);
                    return;
                }
                if (next == frames.size()) {
                    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                    return;
                }
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(frames.get(next))))
                        .addListener(written -> {
                            if (written.isSuccess()) {
                                sendPaced(ctx, frames, next + 1, pauseNanos, startedIn);
                            } else {
                                abandoned(startedIn);
                            }
                        });
            }, pauseNanos, TimeUnit.NANOSECONDS);
        }

        /** Cuts JSON inside its first string value, which no JSON reader accepts (a cut between tokens may pass). */
        private byte[] truncatedInsideAString(byte[] json) {
            String text = new String(json, StandardCharsets.UTF_8);
            int value = text.indexOf(":\"");
            int cut = value < 0 ? json.length / 2 : Math.min(text.length(), value + 3);
            return text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
        }

        /** Closes the TCP connection at once, bypassing HTTP/2's graceful GOAWAY. */
        private void closeAbruptly(Channel connection) {
            connection.eventLoop().execute(() -> connection.unsafe().close(connection.unsafe().voidPromise()));
        }
    }

    /**
     * An answer with its event-stream frames encoded before anything is written, so that a failure to encode
     * (a broken Jackson, say) still leaves room for a 500 instead of a stream cut after its headers.
     */
    private static final class Outgoing {
        final Answer answer;
        final List<byte[]> frames;
        final byte[] spoiled;

        Outgoing(Answer answer) {
            this.answer = answer;
            List<byte[]> encoded = new ArrayList<>();
            if (answer.streaming()) {
                for (WireEvent event : answer.events()) {
                    encoded.add(EventFrames.encode(event));
                }
            }
            this.frames = encoded;
            if (answer.streaming() && answer.fault() instanceof Fault.MalformedFrame malformed) {
                List<WireEvent> events = answer.events();
                int at = Math.min(events.size(), malformed.afterEvents());
                this.spoiled = EventFrames.malformed(at < events.size() ? events.get(at) : WireEvent.event("padding", "{}"));
            } else {
                this.spoiled = null;
            }
        }
    }
}
