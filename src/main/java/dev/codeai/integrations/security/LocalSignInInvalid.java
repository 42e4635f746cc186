package dev.codeai.integrations.security;

import dev.codeai.integrations.platform.ApiProblem;
import java.util.List;

/** 400: the local sign-in request is not {@code {"admin": true|false}}; names each field that is wrong. */
final class LocalSignInInvalid extends ApiProblem {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    LocalSignInInvalid(List<FieldError> errors) {
        super(400, "Invalid sign-in request", "A local sign-in takes {\"admin\": true} or {\"admin\": false}.");
        this.errors = List.copyOf(errors);
    }

    @Override
    public List<FieldError> errors() {
        return errors;
    }
}
