package dev.codeai.integrations.dsl;

import java.net.URI;
import java.net.URISyntaxException;

/** URL checks shared by the loader and the runtime. */
public final class Urls {

    private Urls() {
    }

    /** True for an absolute http or https URL with a host. */
    public static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
