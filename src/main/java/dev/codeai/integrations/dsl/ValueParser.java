package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.syntax.BlockValue;
import dev.codeai.integrations.dsl.syntax.CallValue;
import dev.codeai.integrations.dsl.syntax.ListValue;
import dev.codeai.integrations.dsl.syntax.LooseValue;
import dev.codeai.integrations.dsl.syntax.Property;
import dev.codeai.integrations.dsl.syntax.RefValue;
import dev.codeai.integrations.dsl.syntax.RetryPhrase;
import dev.codeai.integrations.dsl.syntax.Scalar;
import dev.codeai.integrations.dsl.syntax.ThresholdPhrase;
import dev.codeai.integrations.dsl.syntax.TypedBlockValue;
import dev.codeai.integrations.dsl.syntax.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shared value forms of DSL.md §3.2 (scalars, lists, calls, refs, blocks, LooseValue) and the closed
 * phrases chosen by a property key (RetrySpec, ThresholdSpec).
 */
final class ValueParser {

    private final TokenCursor in;
    private final Diagnostics diagnostics;
    private final Function<String, List<Property>> openBlockBody;

    ValueParser(TokenCursor in, Diagnostics diagnostics, Function<String, List<Property>> openBlockBody) {
        this.in = in;
        this.diagnostics = diagnostics;
        this.openBlockBody = openBlockBody;
    }

    // Value ::= Scalar | List | Call | Ref | Block
    Value value() {
        Token t = in.peek();
        switch (t.kind()) {
            case STRING, TEXT_BLOCK, INT, DECIMAL, DURATION -> {
                in.advance();
                return new Scalar(t.kind(), t.value(), t.text(), t.position());
            }
            case NAME -> {
                if (in.peekAt(1).is(TokenKind.LPAREN)) {
                    return call();
                }
                if (in.peekAt(1).is(TokenKind.DOT)) {
                    return ref();
                }
                in.advance();
                if (t.text().equals("null")) {
                    diagnostics.error("reserved-null", t.position(), "'null' is reserved: leave the property out instead");
                }
                return new Scalar(t.kind(), t.text(), t.text(), t.position());
            }
            case LBRACKET -> {
                return list();
            }
            case LBRACE -> {
                return new BlockValue(openBlockBody.apply("block"), t.position());
            }
            default -> throw in.error(t, "expected a value but found " + t.describe());
        }
    }

    /** {@code Key ':' NAME Block} — a typed block such as {@code postgres { … }}. */
    Value typedBlock() {
        Token type = in.advance();
        return new TypedBlockValue(type.text(), new BlockValue(openBlockBody.apply(type.text()), type.position()),
                type.position());
    }

    // List ::= '[' ( Value ( ',' Value )* ','? )? ']'
    private ListValue list() {
        Token open = in.advance();
        List<Value> items = new ArrayList<>();
        while (!in.check(TokenKind.RBRACKET)) {
            items.add(value());
            if (!in.match(TokenKind.COMMA)) {
                break;
            }
        }
        in.consume(TokenKind.RBRACKET, "',' or ']' in the list");
        return new ListValue(List.copyOf(items), open.position());
    }

    // Call ::= NAME '(' ( Arg ( ',' Arg )* ','? )? ')'     Arg ::= ( NAME ':' )? Value
    private CallValue call() {
        Token name = in.advance();
        in.advance();
        List<CallValue.Arg> args = new ArrayList<>();
        while (!in.check(TokenKind.RPAREN)) {
            Token start = in.peek();
            String argName = "";
            if (start.is(TokenKind.NAME) && in.peekAt(1).is(TokenKind.COLON)) {
                argName = start.text();
                in.advance();
                in.advance();
            }
            args.add(new CallValue.Arg(argName, value(), start.position()));
            if (!in.match(TokenKind.COMMA)) {
                break;
            }
        }
        in.consume(TokenKind.RPAREN, "',' or ')' in the arguments of " + name.text() + "(…)");
        return new CallValue(name.text(), List.copyOf(args), name.position());
    }

    // Ref ::= NAME ( '.' NAME )+
    private RefValue ref() {
        Token first = in.advance();
        List<String> parts = new ArrayList<>(List.of(first.text()));
        while (in.match(TokenKind.DOT)) {
            parts.add(in.consume(TokenKind.NAME, "a name after '.'").text());
        }
        return new RefValue(List.copyOf(parts), first.position());
    }

    /** The value of an unknown key: a Value if it parses and ends the property, else LooseValue (§6 item 1). */
    Value unknownValue() {
        int mark = in.mark();
        int reported = diagnostics.mark();
        try {
            Value v = value();
            if (endsProperty()) {
                return v;
            }
        } catch (ParseError e) {
            diagnostics.reset(reported);
        }
        in.reset(mark);
        return looseValue();
    }

    private boolean endsProperty() {
        Token next = in.peek();
        return next.newlineBefore() || next.is(TokenKind.RBRACE) || next.is(TokenKind.COMMA)
                || next.is(TokenKind.SEMICOLON) || next.is(TokenKind.EOF) || in.atPropertyStart();
    }

    // LooseValue ::= ( Scalar | Call | List )+   — up to the end of the line
    LooseValue looseValue() {
        Token first = in.peek();
        if (first.is(TokenKind.RBRACE) || first.is(TokenKind.EOF)) {
            throw in.error(first, "expected a value but found " + first.describe());
        }
        StringBuilder text = new StringBuilder();
        int depth = 0;
        do {
            Token t = in.peek();
            if (t.is(TokenKind.LBRACE) || t.is(TokenKind.LBRACKET) || t.is(TokenKind.LPAREN)) {
                depth++;
            } else if (t.is(TokenKind.RBRACE) || t.is(TokenKind.RBRACKET) || t.is(TokenKind.RPAREN)) {
                if (depth == 0 && t.is(TokenKind.RBRACE)) {
                    break;
                }
                depth = Math.max(0, depth - 1);
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(t.text());
            in.advance();
        } while (!in.atEnd() && (depth > 0 || !in.peek().newlineBefore()));
        return new LooseValue(text.toString(), first.position());
    }

    // RetrySpec ::= INT ( 'times' | 'time' ) ( 'with' Strategy )?
    RetryPhrase retrySpec() {
        Token count = in.consume(TokenKind.INT, "a retry count such as '3 times'");
        Token unit = in.peek();
        if (!unit.isName("times") && !unit.isName("time")) {
            throw in.error(unit, "expected 'times' after the retry count but found " + unit.describe());
        }
        in.advance();
        if (in.checkName("with")) {
            in.advance();
            Token strategy = in.consume(TokenKind.NAME,
                    "a strategy (exponential_backoff, linear_backoff or fixed_backoff) after 'with'");
            return new RetryPhrase((Long) count.value(), strategy.text(), strategy.position(), count.position());
        }
        return new RetryPhrase((Long) count.value(), "", count.position(), count.position());
    }

    // ThresholdSpec ::= INT ( 'failures' | 'failure' ) ( 'in' DURATION )? | INT 'consecutive' ( 'failures' | 'failure' )
    ThresholdPhrase thresholdSpec() {
        Token count = in.consume(TokenKind.INT, "a failure count such as '5 failures in 1m'");
        boolean consecutive = false;
        if (in.checkName("consecutive")) {
            in.advance();
            consecutive = true;
        }
        Token unit = in.peek();
        if (!unit.isName("failures") && !unit.isName("failure")) {
            throw in.error(unit, "expected 'failures' after the threshold count but found " + unit.describe());
        }
        in.advance();
        Optional<Duration> window = Optional.empty();
        Position windowAt = count.position();
        if (in.checkName("in")) {
            Token inWord = in.advance();
            Token d = in.consume(TokenKind.DURATION, "a duration after 'in' such as '1m'");
            window = Optional.of((Duration) d.value());
            windowAt = d.position();
            if (consecutive) {
                diagnostics.error("threshold-conflict", inWord.position(),
                        "a threshold is either 'N consecutive failures' or 'N failures in D', not both");
            }
        }
        return new ThresholdPhrase((Long) count.value(), consecutive, window, windowAt, count.position());
    }
}
