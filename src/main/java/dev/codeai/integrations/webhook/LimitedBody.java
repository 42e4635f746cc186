package dev.codeai.integrations.webhook;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The start of a receiver's response body, at most {@code limit} bytes as text: the rest is never read (the
 * subscription is cancelled), so a receiver cannot make a delivery hold a large or endless body.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<String> {

    private final int limit;
    private final byte[] bytes;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private int length;
    private Flow.Subscription subscription;

    LimitedBody(int limit) {
        this.limit = limit;
        this.bytes = new byte[limit];
    }

    static HttpResponse.BodyHandler<String> handler(int limit) {
        return info -> new LimitedBody(limit);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int n = Math.min(buffer.remaining(), limit - length);
            buffer.get(bytes, length, n);
            length += n;
        }
        if (length >= limit) {
            subscription.cancel();
            complete();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        complete();
    }

    private void complete() {
        result.complete(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }
}
