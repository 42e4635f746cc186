package dev.codeai.integrations.platform;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider of the application. {@code Jsons.PROVIDER.createReader(…)} and the other {@code Jsons.PROVIDER.create*}
 * methods look the provider up again on every call (a service-loader search), which showed as 7 % of a cache
 * hit's CPU; this looks it up once.
 */
public final class Jsons {

    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }
}
