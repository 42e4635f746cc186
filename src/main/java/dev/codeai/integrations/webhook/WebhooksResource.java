package dev.codeai.integrations.webhook;

import dev.codeai.integrations.platform.Ids;
import dev.codeai.integrations.platform.Transactions;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * Webhook endpoint management (example README "Webhook Management", DSL.md §5.6): endpoints, their deliveries and
 * attempts, test deliveries, manual retries, secret rotation and recovery of failed deliveries.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Set<String> STATUSES = Set.of(DeliveryStore.PENDING, DeliveryStore.RETRYING,
            DeliveryStore.DELIVERED, DeliveryStore.FAILED);

    @PersistenceContext(unitName = "codeai")
    EntityManager entities;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    WebhookSettings settings;

    @Inject
    ManualDeliveries manual;

    @Inject
    Transactions transactions;

    @Inject
    Clock clock;

    @GET
    public WebhookViews.Page<WebhookViews.Endpoint> list(@QueryParam("is_active") String active,
                                                         @QueryParam("page") @DefaultValue("1") String page,
                                                         @QueryParam("limit") @DefaultValue("20") String limit) {
        Paging paging = Paging.of(page, limit);
        Optional<Boolean> filter = Paging.flag("is_active", active);
        String where = filter.map(f -> " WHERE e.active = :active").orElse("");
        TypedQuery<WebhookEndpoint> query = entities.createQuery("SELECT e FROM WebhookEndpoint e" + where
                + " ORDER BY e.createdAt, e.id", WebhookEndpoint.class);
        TypedQuery<Long> count = entities.createQuery("SELECT COUNT(e) FROM WebhookEndpoint e" + where, Long.class);
        filter.ifPresent(f -> {
            query.setParameter("active", f);
            count.setParameter("active", f);
        });
        List<WebhookViews.Endpoint> data = paging.apply(query).getResultList().stream()
                .map(e -> WebhookViews.Endpoint.of(e, false)).toList();
        return new WebhookViews.Page<>(data, WebhookViews.Pagination.of(paging.page(), paging.limit(), count.getSingleResult()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        EndpointInput input = EndpointInput.forCreate(body, dispatcher.guard());
        WebhookEndpoint endpoint = new WebhookEndpoint(Ids.next(), input.name().orElseThrow(),
                input.url().orElseThrow(), input.secret().orElseGet(WebhookSecrets::generate),
                Subscriptions.format(input.events().orElseThrow()), now());
        endpoint.update(input, endpoint.createdAt);
        transactions.required(() -> {
            entities.persist(endpoint);
            return endpoint;
        });
        return Response.status(201).entity(WebhookViews.Endpoint.of(endpoint, true)).build();
    }

    @GET
    @Path("/{id}")
    public WebhookViews.Endpoint get(@PathParam("id") String id) {
        return WebhookViews.Endpoint.of(endpoint(id), false);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public WebhookViews.Endpoint update(@PathParam("id") String id, JsonObject body) {
        endpoint(id);
        EndpointInput input = EndpointInput.forUpdate(body, dispatcher.guard());
        return transactions.required(() -> {
            WebhookEndpoint endpoint = endpoint(id);
            if (input.active().filter(active -> !active).isPresent()) {
                // Before the endpoint's row, in the order the engine's transactions lock rows (deliveries, then endpoint).
                entities.createNativeQuery(DeliveryStore.FAIL_PENDING_OF_ENDPOINT).setParameter(1, DeliveryStore.INACTIVE)
                        .setParameter(2, now()).setParameter(3, id).executeUpdate();
            }
            endpoint.update(input, now());
            return WebhookViews.Endpoint.of(endpoint, false);
        });
    }

    /** Removes the endpoint with its deliveries and attempts; none of its pending deliveries is attempted after. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        endpoint(id);
        return transactions.required(() -> {
            WebhookEndpoint endpoint = endpoint(id);
            entities.createQuery("DELETE FROM WebhookDeliveryAttempt a WHERE a.deliveryId IN "
                    + "(SELECT d.id FROM WebhookDelivery d WHERE d.endpointId = :id)").setParameter("id", endpoint.id)
                    .executeUpdate();
            entities.createQuery("DELETE FROM WebhookDelivery d WHERE d.endpointId = :id").setParameter("id", endpoint.id)
                    .executeUpdate();
            entities.remove(endpoint);
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/{id}/deliveries")
    public WebhookViews.Page<WebhookViews.Delivery> deliveries(@PathParam("id") String id,
                                                               @QueryParam("status") String status,
                                                               @QueryParam("page") @DefaultValue("1") String page,
                                                               @QueryParam("limit") @DefaultValue("20") String limit) {
        endpoint(id);
        return deliveries(Optional.of(id), Optional.empty(), status, Paging.of(page, limit));
    }

    /**
     * Deliveries across endpoints, newest first: with {@code status=failed} the dead letters of every endpoint, with
     * {@code event_id} the deliveries one event created.
     */
    @GET
    @Path("/deliveries")
    public WebhookViews.Page<WebhookViews.Delivery> allDeliveries(@QueryParam("status") String status,
                                                                  @QueryParam("event_id") String eventId,
                                                                  @QueryParam("page") @DefaultValue("1") String page,
                                                                  @QueryParam("limit") @DefaultValue("20") String limit) {
        return deliveries(Optional.empty(), Optional.ofNullable(eventId), status, Paging.of(page, limit));
    }

    private WebhookViews.Page<WebhookViews.Delivery> deliveries(Optional<String> endpointId, Optional<String> eventId,
                                                                String status, Paging paging) {
        if (status != null && !STATUSES.contains(status)) {
            throw Paging.invalid("status", "must be one of pending, retrying, delivered, failed");
        }
        List<String> conditions = new java.util.ArrayList<>();
        endpointId.ifPresent(e -> conditions.add("d.endpointId = :id"));
        eventId.ifPresent(e -> conditions.add("d.eventId = :event"));
        if (status != null) {
            conditions.add("d.status = :status");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        TypedQuery<WebhookDelivery> query = entities.createQuery("SELECT d FROM WebhookDelivery d" + where
                + " ORDER BY d.createdAt DESC, d.id", WebhookDelivery.class);
        TypedQuery<Long> count = entities.createQuery("SELECT COUNT(d) FROM WebhookDelivery d" + where, Long.class);
        for (TypedQuery<?> q : List.of(query, count)) {
            endpointId.ifPresent(e -> q.setParameter("id", e));
            eventId.ifPresent(e -> q.setParameter("event", e));
            if (status != null) {
                q.setParameter("status", status);
            }
        }
        List<WebhookViews.Delivery> data = paging.apply(query).getResultList().stream().map(WebhookViews.Delivery::of).toList();
        return new WebhookViews.Page<>(data, WebhookViews.Pagination.of(paging.page(), paging.limit(), count.getSingleResult()));
    }

    @GET
    @Path("/deliveries/{id}")
    public WebhookViews.DeliveryDetail delivery(@PathParam("id") String id) {
        WebhookDelivery delivery = Optional.ofNullable(entities.find(WebhookDelivery.class, uuid(id)))
                .orElseThrow(() -> new WebhookProblems.UnknownDelivery(id));
        List<WebhookViews.AttemptView> attempts = entities.createQuery("SELECT a FROM WebhookDeliveryAttempt a "
                        + "WHERE a.deliveryId = :id ORDER BY a.attemptNumber", WebhookDeliveryAttempt.class)
                .setParameter("id", id).getResultList().stream().map(WebhookViews.AttemptView::of).toList();
        return new WebhookViews.DeliveryDetail(WebhookViews.Delivery.of(delivery), attempts);
    }

    /** One synchronous attempt of a {@code webhook.test} event, outside the endpoint's subscriptions and breaker. */
    @POST
    @Path("/{id}/test")
    public WebhookViews.Delivery test(@PathParam("id") String id) {
        endpoint(id);
        return manual.test(id);
    }

    @POST
    @Path("/deliveries/{id}/retry")
    public WebhookViews.Delivery retry(@PathParam("id") String id) {
        return manual.retry(uuid(id));
    }

    /** A new secret; the old one keeps signing beside it for {@code codeai.webhooks.secret-grace} (default 24 h). */
    @POST
    @Path("/{id}/secret/rotate")
    public WebhookViews.Endpoint rotate(@PathParam("id") String id) {
        endpoint(id);
        return transactions.required(() -> {
            WebhookEndpoint endpoint = endpoint(id);
            endpoint.rotate(WebhookSecrets.generate(), DeliveryStore.utc(clock.instant().plus(settings.secretGrace())), now());
            return WebhookViews.Endpoint.of(endpoint, true);
        });
    }

    /** Queues the endpoint's failed deliveries since {@code since} (RFC 3339) again, each with a new schedule. */
    @POST
    @Path("/{id}/recover")
    @Consumes(MediaType.APPLICATION_JSON)
    public WebhookViews.Recovered recover(@PathParam("id") String id, JsonObject body) {
        WebhookEndpoint endpoint = endpoint(id);
        if (!endpoint.active) {
            throw new WebhookProblems.InactiveEndpoint(id);
        }
        Instant since;
        try {
            since = Instant.parse(body.getString("since"));
        } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
            throw Paging.invalid("since", "must be an RFC 3339 time, e.g. 2026-12-01T00:00:00Z");
        }
        return new WebhookViews.Recovered(id, manual.recover(endpoint.id, endpoint.retryCount, since));
    }

    private WebhookEndpoint endpoint(String id) {
        return Optional.ofNullable(entities.find(WebhookEndpoint.class, uuid(id)))
                .orElseThrow(() -> new WebhookProblems.UnknownEndpoint(id));
    }

    /** Endpoint and delivery ids are UUIDs: a malformed one is a 400 naming {@code id} (DSL.md §5.7), not a 404. */
    private static String uuid(String id) {
        if (!UUID_FORM.matcher(id).matches()) {
            throw Paging.invalid("id", "must be a UUID, e.g. 01a24252-9d55-7131-b020-ba75fef39090");
        }
        return id;
    }

    private LocalDateTime now() {
        return DeliveryStore.utc(clock.instant());
    }
}
