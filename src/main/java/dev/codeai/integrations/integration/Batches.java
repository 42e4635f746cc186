package dev.codeai.integrations.integration;

import dev.codeai.integrations.dsl.model.HttpMethod;
import dev.codeai.integrations.dsl.model.Operation;
import dev.codeai.integrations.dsl.model.Policies;
import dev.codeai.integrations.platform.Jsons;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Batching (DSL.md §5.4 "Batching rule"): calls of an integration's single-item operations (its other POST
 * operations) wait in the integration's one buffer, which is sent as one call of the batch operation, with every
 * policy of a normal call, when it holds {@code max_batch_size} items or its oldest item has waited
 * {@code max_delay}. Each caller gets its own item's result ({@link BatchItems#result}); a problem of the batch
 * call (circuit open, timeout, retries used up, …) is every caller's problem. Buffers live in this server
 * instance: a batch only combines the calls one instance received. Thread-safe.
 */
@ApplicationScoped
public class Batches {

    /** How much longer than its own call budget a caller waits for a batch before giving up. */
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(5);

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final ConcurrentMap<String, Buffer> buffers = new ConcurrentHashMap<>();

    /** Whether calls of this operation are buffered: batching on and a POST other than the batch operation. */
    static boolean buffered(ResolvedIntegration integration, Operation operation) {
        return integration.model().batching().filter(Policies.Batching::enabled)
                .filter(b -> !b.batchOperation().equals(operation.name()) && operation.method() == HttpMethod.POST)
                .isPresent();
    }

    /**
     * Adds the call to its integration's buffer; the result completes when its batch has been answered, and
     * fails with the batch call's problem, or with a timeout after {@code max_delay} plus {@code budget} (the
     * batch call's own budget) and a margin. {@code send} calls the batch operation with its arguments.
     */
    CompletableFuture<Invoker.Invocation> submit(ResolvedIntegration integration, Operation operation,
                                                 Map<String, JsonValue> arguments, Duration budget,
                                                 Function<JsonObject, Invoker.Invocation> send) {
        Policies.Batching batching = integration.model().batching().orElseThrow();
        Operation batchOperation = integration.model().operations().get(batching.batchOperation());
        Buffer buffer = buffers.computeIfAbsent(integration.name(),
                name -> new Buffer(BatchItems.ListField.of(batchOperation), batching));
        CompletableFuture<Invoker.Invocation> result = new CompletableFuture<>();
        long waitMillis = batching.maxDelay().plus(budget).plus(WAIT_MARGIN).toMillis();
        ScheduledFuture<?> giveUp = scheduler.schedule(() -> result.completeExceptionally(
                new IntegrationProblems.UpstreamTimeout(integration.name(), "its batch (" + waitMillis
                        + " ms for buffering and the batch call)", 0, Optional.empty())), waitMillis,
                TimeUnit.MILLISECONDS);
        result.whenComplete((answer, failure) -> giveUp.cancel(false));
        buffer.add(new Item(BatchItems.item(buffer.list, operation, arguments), result), send);
        return result;
    }

    /** One caller's item and where its result goes. */
    private record Item(JsonObject item, CompletableFuture<Invoker.Invocation> result) {
    }

    /** The buffer of one integration. */
    private final class Buffer {
        private final BatchItems.ListField list;
        private final Policies.Batching batching;
        private List<Item> items = new ArrayList<>();
        private ScheduledFuture<?> timer;
        private long generation;

        Buffer(BatchItems.ListField list, Policies.Batching batching) {
            this.list = list;
            this.batching = batching;
        }

        /** Adds an item; the caller that fills the buffer sends it on its own thread, else a timer does. */
        void add(Item item, Function<JsonObject, Invoker.Invocation> send) {
            Optional<List<Item>> full = Optional.empty();
            synchronized (this) {
                items.add(item);
                if (items.size() == 1) {
                    long due = generation;
                    timer = scheduler.schedule(() -> take(due).ifPresent(batch -> send(batch, send)),
                            batching.maxDelay().toMillis(), TimeUnit.MILLISECONDS);
                }
                if (items.size() >= batching.maxBatchSize()) {
                    timer.cancel(false);
                    full = take(generation);
                }
            }
            full.ifPresent(batch -> send(batch, send));
        }

        /** The items of buffer generation {@code due}, leaving a new, empty one; empty when that one was sent. */
        private synchronized Optional<List<Item>> take(long due) {
            if (due != generation || items.isEmpty()) {
                return Optional.empty();
            }
            List<Item> batch = items;
            items = new ArrayList<>();
            generation++;
            return Optional.of(batch);
        }

        private void send(List<Item> batch, Function<JsonObject, Invoker.Invocation> send) {
            JsonArrayBuilder elements = Jsons.PROVIDER.createArrayBuilder();
            batch.forEach(item -> elements.add(item.item()));
            try {
                Invoker.Invocation answer = send.apply(Jsons.PROVIDER.createObjectBuilder().add(list.name(), elements).build());
                List<UpstreamResponse> results = BatchItems.results(answer.response(), batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result().complete(new Invoker.Invocation(results.get(i), answer.attempts(),
                            answer.circuitState()));
                }
            } catch (RuntimeException e) {
                batch.forEach(item -> item.result().completeExceptionally(e));
            }
        }
    }
}
