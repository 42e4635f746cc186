package dev.codeai.integrations.security;

import dev.codeai.integrations.platform.ApiProblem;

/** The console's local sign-in is not available to this request (403), with the reason. */
final class LocalSignInRefused extends ApiProblem {
    private static final long serialVersionUID = 1L;

    LocalSignInRefused(String reason) {
        super(403, "Local sign-in unavailable", reason);
    }
}
