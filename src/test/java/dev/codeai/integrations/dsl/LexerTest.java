package dev.codeai.integrations.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokens of DSL.md §2, one test per rule, with positions and the lexical errors. */
class LexerTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private List<Token> lex(String text) {
        return new Lexer("t.cai", text, diagnostics).tokenize();
    }

    /** Each token as KIND:text@line:column, without the EOF token. */
    private List<String> tokens(String text) {
        return lex(text).stream().filter(t -> !t.is(TokenKind.EOF))
                .map(t -> t.kind() + ":" + t.text() + "@" + t.line() + ":" + t.position().column()).toList();
    }

    private List<String> errors() {
        return diagnostics.sorted().stream().map(d -> d.position().line() + ":" + d.position().column() + " " + d.code())
                .toList();
    }

    @Test
    void byteOrderMarkIsIgnoredAndEveryLineBreakStyleCountsOnce() {
        assertThat(tokens("\uFEFFa\r\nb\rc\nd")).containsExactly("NAME:a@1:1", "NAME:b@2:1", "NAME:c@3:1", "NAME:d@4:1");
        assertThat(errors()).isEmpty();
    }

    @Test
    void columnsCountCodePoints() {
        assertThat(tokens("\"\uD83D\uDE00\" x")).containsExactly("STRING:\"\uD83D\uDE00\"@1:1", "NAME:x@1:5");
    }

    @Test
    void commentsAreWhitespaceAndMarkersInsideStringsAreText() {
        assertThat(tokens("a // to the end\n/* spans\nlines */ b \"#chan // not a comment\""))
                .containsExactly("NAME:a@1:1", "NAME:b@3:10", "STRING:\"#chan // not a comment\"@3:12");
        assertThat(errors()).isEmpty();
    }

    @Test
    void unterminatedBlockCommentIsReportedAtItsStart() {
        assertThat(tokens("a\n  /* never closed")).containsExactly("NAME:a@1:1");
        assertThat(errors()).containsExactly("2:3 unterminated-comment");
    }

    @Test
    void hyphensJoinNamesOnlyBetweenNameCharacters() {
        assertThat(tokens("max-keys Content-Type X-2fa v2 -1 -2.50"))
                .containsExactly("NAME:max-keys@1:1", "NAME:Content-Type@1:10", "NAME:X-2fa@1:23", "NAME:v2@1:29",
                        "INT:-1@1:32", "DECIMAL:-2.50@1:35");
        assertThat(tokens("a - b")).contains("NAME:a@1:1", "NAME:b@1:5");
        assertThat(errors()).containsExactly("1:3 unexpected-character");
    }

    @Test
    void numbersAreLongsAndExactDecimals() {
        List<Token> tokens = lex("42 -7 0.1 9223372036854775807");
        assertThat(tokens.get(0).value()).isEqualTo(42L);
        assertThat(tokens.get(1).value()).isEqualTo(-7L);
        assertThat(tokens.get(2).value()).isEqualTo(new BigDecimal("0.1"));
        assertThat(tokens.get(3).value()).isEqualTo(Long.MAX_VALUE);
        assertThat(errors()).isEmpty();
    }

    @Test
    void malformedNumbersAreErrors() {
        lex("1. .5 9223372036854775808");
        assertThat(errors()).containsExactly("1:1 invalid-number", "1:4 invalid-number", "1:7 invalid-number");
    }

    @Test
    void durationsTakeTheLongestUnitAndAreNeverSplit() {
        List<Token> tokens = lex("30s 5m 1h 7d 250ms 0s");
        assertThat(tokens.subList(0, 6)).extracting(Token::value).containsExactly(Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(7), Duration.ofMillis(250), Duration.ZERO);
        assertThat(tokens.subList(0, 6)).allMatch(t -> t.is(TokenKind.DURATION));
        assertThat(errors()).isEmpty();
    }

    @Test
    void unknownUnitsAndFractionsAreErrorsNotSplits() {
        assertThat(tokens("10min 1.5h 5y")).hasSize(3);
        assertThat(errors()).containsExactly("1:1 unknown-duration-unit", "1:7 fractional-duration",
                "1:12 unknown-duration-unit");
    }

    @Test
    void stringsDecodeEscapes() {
        List<Token> tokens = lex("\"a\\n\\t\\u00e9\\\"\\\\\\/\"");
        assertThat(tokens.get(0).value()).isEqualTo("a\n\té\"\\/");
        assertThat(errors()).isEmpty();
    }

    @Test
    void unknownEscapeAndLineBreakInStringAreErrors() {
        lex("\"\\q\"\n  \"open\nnext");
        assertThat(errors()).containsExactly("1:2 invalid-escape", "2:3 unterminated-string");
    }

    @Test
    void textBlocksAreRawAndNormalised() {
        List<Token> tokens = lex("q: \"\"\"   \n    query { a(x: \"1\") }  // kept\n      b \\n\n    \"\"\" z");
        assertThat(tokens.get(2).kind()).isEqualTo(TokenKind.TEXT_BLOCK);
        assertThat(tokens.get(2).value()).isEqualTo("query { a(x: \"1\") }  // kept\n  b \\n");
        assertThat(tokens.get(3).text()).isEqualTo("z");
        assertThat(errors()).isEmpty();
    }

    @Test
    void unterminatedTextBlockIsReportedAtItsOpeningQuotes() {
        lex("a: 1\nb: \"\"\" never closed\n more");
        assertThat(errors()).containsExactly("2:4 unterminated-text-block");
    }

    @Test
    void punctuation() {
        assertThat(lex("{}()[]:,.;").stream().map(Token::kind).toList()).containsExactly(TokenKind.LBRACE,
                TokenKind.RBRACE, TokenKind.LPAREN, TokenKind.RPAREN, TokenKind.LBRACKET, TokenKind.RBRACKET,
                TokenKind.COLON, TokenKind.COMMA, TokenKind.DOT, TokenKind.SEMICOLON, TokenKind.EOF);
    }

    @Test
    void unexpectedCharacterIsReportedAndLexingGoesOn() {
        assertThat(tokens("a @ b")).containsExactly("NAME:a@1:1", "NAME:b@1:5");
        assertThat(errors()).containsExactly("1:3 unexpected-character");
    }

    @Test
    void pathModeOnlyAfterEndpointAndMethod() {
        assertThat(tokens("endpoint GET /a/{id}/b.c~d-e {"))
                .containsExactly("NAME:endpoint@1:1", "NAME:GET@1:10", "PATH:/a/{id}/b.c~d-e@1:14", "LBRACE:{@1:30");
        assertThat(tokens("x { endpoint GET }")).containsExactly("NAME:x@1:1", "LBRACE:{@1:3", "NAME:endpoint@1:5",
                "NAME:GET@1:14", "RBRACE:}@1:18");
        assertThat(errors()).isEmpty();
    }

    @Test
    void badPathsAreErrorsAndTheirTokenHasNoValue() {
        List<Token> tokens = lex("endpoint GET /a?b {");
        assertThat(tokens.get(2).is(TokenKind.PATH)).isTrue();
        assertThat(tokens.get(2).value()).isNull();
        lex("endpoint GET /x{");
        lex("endpoint GET /{id {");
        assertThat(errors()).containsExactlyInAnyOrder("1:16 invalid-path", "1:16 missing-space-before-block",
                "1:15 invalid-path");
    }

    @Test
    void newlineBeforeIsRecorded() {
        List<Token> tokens = lex("a b\nc");
        assertThat(tokens).extracting(Token::newlineBefore).startsWith(true, false, true);
    }
}
