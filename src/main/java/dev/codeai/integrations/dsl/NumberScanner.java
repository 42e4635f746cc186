package dev.codeai.integrations.dsl;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Numbers and durations (DSL.md §2.5–2.6): digits followed directly by a letter are always a duration,
 * never an INT and a NAME; whole numbers only, units ms, s, m, h, d.
 */
final class NumberScanner {

    /** The kind, text and decoded value of a scanned token. */
    record Scanned(TokenKind kind, String text, Object value) {
    }

    private final SourceReader in;
    private final Diagnostics diagnostics;

    NumberScanner(SourceReader in, Diagnostics diagnostics) {
        this.in = in;
        this.diagnostics = diagnostics;
    }

    Scanned number(Position start) {
        int from = in.offset();
        boolean negative = in.peek(0) == '-';
        if (negative) {
            in.advance();
        }
        while (Chars.isDigit(in.peek(0))) {
            in.advance();
        }
        if (Chars.isLetter(in.peek(0))) {
            return duration(start, from, negative);
        }
        if (in.peek(0) == '.' && Chars.isDigit(in.peek(1))) {
            in.advance();
            while (Chars.isDigit(in.peek(0))) {
                in.advance();
            }
            if (Chars.isLetter(in.peek(0))) {
                while (Chars.isNameChar(in.peek(0))) {
                    in.advance();
                }
                diagnostics.error("fractional-duration", start, "duration '" + in.text(from)
                        + "' must be a whole number: write it in a smaller unit (e.g. 90m instead of 1.5h)");
                return new Scanned(TokenKind.DURATION, in.text(from), Duration.ZERO);
            }
            return new Scanned(TokenKind.DECIMAL, in.text(from), new BigDecimal(in.text(from)));
        }
        if (in.peek(0) == '.' && !Chars.isNameStart(in.peek(1))) {
            in.advance();
            diagnostics.error("invalid-number", start,
                    "invalid number '" + in.text(from) + "': write a digit after the decimal point");
            return new Scanned(TokenKind.DECIMAL, in.text(from), BigDecimal.ZERO);
        }
        String digits = in.text(from);
        long value = 0;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            diagnostics.error("invalid-number", start, "integer '" + digits + "' is out of the 64-bit range");
        }
        return new Scanned(TokenKind.INT, digits, value);
    }

    /** {@code .5}: reported, and read as a decimal so parsing can go on. */
    Scanned leadingDot(Position start) {
        int from = in.offset();
        in.advance();
        while (Chars.isDigit(in.peek(0))) {
            in.advance();
        }
        diagnostics.error("invalid-number", start,
                "invalid number '" + in.text(from) + "': write a digit before the decimal point");
        return new Scanned(TokenKind.DECIMAL, in.text(from), BigDecimal.ZERO);
    }

    private Scanned duration(Position start, int from, boolean negative) {
        int digitsEnd = in.offset();
        while (Chars.isLetter(in.peek(0))) {
            in.advance();
        }
        String unit = in.text(digitsEnd);
        boolean trailing = Chars.isNameChar(in.peek(0));
        while (Chars.isNameChar(in.peek(0))) {
            in.advance();
        }
        String text = in.text(from);
        Duration value = Duration.ZERO;
        if (negative) {
            diagnostics.error("invalid-number", start, "duration '" + text + "' cannot be negative");
        } else if (trailing || !isUnit(unit)) {
            String shown = trailing ? text.substring(digitsEnd - from) : unit;
            diagnostics.error("unknown-duration-unit", start, "unknown duration unit '" + shown + "' in '" + text
                    + "': expected one of ms, s, m, h, d directly after the number");
        } else {
            value = toDuration(in.text(from, digitsEnd), unit, start);
        }
        return new Scanned(TokenKind.DURATION, text, value);
    }

    private Duration toDuration(String digits, String unit, Position start) {
        try {
            long n = Long.parseLong(digits);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            diagnostics.error("invalid-number", start, "duration '" + digits + unit + "' is too large");
            return Duration.ZERO;
        }
    }

    private static boolean isUnit(String unit) {
        return switch (unit) {
            case "ms", "s", "m", "h", "d" -> true;
            default -> false;
        };
    }
}
