package dev.codeai.integrations.platform;

import java.util.List;

/** 400: a number in the request body is beyond the range of a 64-bit IEEE 754 double, such as {@code 1e999}. */
final class NumberOutOfRange extends ApiProblem {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN_DIGITS = 40;
    private final String field;

    NumberOutOfRange(String field, String number) {
        super(400, "Number out of range",
                (field.equals("body") ? "The request body" : "Field " + field + " of the request body")
                + " is " + shortened(number) + ", beyond what a 64-bit double holds (about ±1.8e308), which JSON numbers"
                + " must keep to.");
        this.field = field;
    }

    private static String shortened(String number) {
        return number.length() <= SHOWN_DIGITS ? number : number.substring(0, SHOWN_DIGITS) + "…";
    }

    @Override
    public List<FieldError> errors() {
        return List.of(new FieldError(field, "must be a number within the range of a 64-bit double (about ±1.8e308)"));
    }
}
