package dev.codeai.integrations.dsl;

import dev.codeai.integrations.dsl.syntax.FieldDecl;
import dev.codeai.integrations.dsl.syntax.Modifier;
import dev.codeai.integrations.dsl.syntax.NamedType;
import dev.codeai.integrations.dsl.syntax.ObjectType;
import dev.codeai.integrations.dsl.syntax.Scalar;
import dev.codeai.integrations.dsl.syntax.TypeExpr;
import dev.codeai.integrations.dsl.syntax.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Types and fields (DSL.md §3.3), including the modifier-or-next-field rule. */
final class TypeParser {

    private final TokenCursor in;
    private final Diagnostics diagnostics;
    private final Supplier<Value> values;

    TypeParser(TokenCursor in, Diagnostics diagnostics, Supplier<Value> values) {
        this.in = in;
        this.diagnostics = diagnostics;
        this.values = values;
    }

    // ObjectType ::= '{' ( FieldDecl Sep? )* '}'
    ObjectType objectType() {
        Token open = in.consume(TokenKind.LBRACE, "'{' to open an object type");
        List<FieldDecl> fields = new ArrayList<>();
        Map<String, Position> seen = new HashMap<>();
        while (!in.check(TokenKind.RBRACE) && !in.atEnd()) {
            int start = in.mark();
            try {
                FieldDecl field = fieldDecl();
                Position first = seen.putIfAbsent(field.name(), field.position());
                if (first != null) {
                    diagnostics.error("duplicate-field", field.position(), "duplicate field '" + field.name()
                            + "' (first defined at line " + first.line() + ")");
                } else {
                    fields.add(field);
                }
            } catch (ParseError e) {
                in.synchronizeInBlock(start);
            }
            while (in.check(TokenKind.COMMA) || in.check(TokenKind.SEMICOLON)) {
                if (in.advance().is(TokenKind.SEMICOLON)) {
                    diagnostics.warning("semicolon-separator", in.previous().position(),
                            "';' is not needed between fields; a line break or ',' separates them");
                }
            }
        }
        in.consume(TokenKind.RBRACE, "'}' to close the object type");
        return new ObjectType(List.copyOf(fields), open.position());
    }

    // FieldDecl ::= Key ( ':' TypeExpr | ObjectType ) ( ',' Modifier )*
    FieldDecl fieldDecl() {
        Token key = in.peek();
        if (!key.is(TokenKind.NAME) && !key.is(TokenKind.STRING)) {
            throw in.error(key, "expected a field name but found " + key.describe());
        }
        in.advance();
        TypeExpr type;
        if (in.match(TokenKind.COLON)) {
            type = typeExpr();
        } else if (in.check(TokenKind.LBRACE)) {
            type = objectType();
        } else {
            throw in.error(in.peek(), "expected ':' and a type after field name '" + key.value() + "' but found "
                    + in.peek().describe());
        }
        List<Modifier> modifiers = new ArrayList<>();
        while (in.check(TokenKind.COMMA) && startsModifier()) {
            in.advance();
            modifiers.add(modifier());
        }
        return new FieldDecl((String) key.value(), type, List.copyOf(modifiers), key.position());
    }

    /** After a comma: a modifier follows unless the comma ends the field (§3.3). */
    private boolean startsModifier() {
        Token next = in.peekAt(1);
        if (next.is(TokenKind.RBRACE)) {
            return false;
        }
        boolean key = next.is(TokenKind.NAME) || next.is(TokenKind.STRING);
        Token after = in.peekAt(2);
        return !(key && (after.is(TokenKind.COLON) || after.is(TokenKind.LBRACE)));
    }

    // TypeExpr ::= NAME | NAME '(' TypeArg ( ',' TypeArg )* ','? ')' | ObjectType
    TypeExpr typeExpr() {
        if (in.check(TokenKind.LBRACE)) {
            return objectType();
        }
        Token name = in.consume(TokenKind.NAME, "a type (string, integer, list(…), an entity name, …)");
        if (!in.match(TokenKind.LPAREN)) {
            return new NamedType(name.text(), List.of(), false, name.position());
        }
        List<Value> args = new ArrayList<>();
        while (!in.check(TokenKind.RPAREN)) {
            args.add(typeArg());
            if (!in.match(TokenKind.COMMA)) {
                break;
            }
        }
        in.consume(TokenKind.RPAREN, "',' or ')' after the arguments of " + name.text() + "(…)");
        return new NamedType(name.text(), List.copyOf(args), true, name.position());
    }

    // TypeArg ::= TypeExpr | INT | STRING
    private Value typeArg() {
        Token t = in.peek();
        if (t.is(TokenKind.INT) || t.is(TokenKind.STRING)) {
            in.advance();
            return new Scalar(t.kind(), t.value(), t.text(), t.position());
        }
        return typeExpr();
    }

    // Modifier ::= NAME ( '(' Value ','? ')' )?
    private Modifier modifier() {
        Token name = in.consume(TokenKind.NAME, "a modifier (required, optional, default(…), …) after ','");
        if (!in.match(TokenKind.LPAREN)) {
            return new Modifier(name.text(), Optional.empty(), name.position());
        }
        Value arg = values.get();
        in.match(TokenKind.COMMA);
        in.consume(TokenKind.RPAREN, "')' to close " + name.text() + "(…)");
        return new Modifier(name.text(), Optional.of(arg), name.position());
    }
}
