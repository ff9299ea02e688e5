package dev.runstore.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into the tokens the guard needs to see: words, quoted identifiers, strings,
 * parameters and single punctuation characters. Comments and whitespace are dropped, so a keyword
 * inside a comment, a string or a quoted identifier is never taken for one. It is not a parser: an
 * unterminated string or identifier becomes one token that runs to the end, and SQLite reports it.
 */
final class SqlLexer {
    enum Kind {
        /** A bare word: a keyword or an identifier. */
        WORD,
        /** "…", `…` or […]: always an identifier (or, for "…", a string SQLite falls back to). */
        QUOTED,
        /** '…' */
        STRING,
        NUMBER,
        /** ?, ?1, :name, @name, $name */
        PARAMETER,
        /** Any other single character: ( ) ; = , . and operators. */
        SYMBOL
    }

    /** One token: {@code text} as written, {@code start} and {@code end} its offsets in the SQL. */
    record Token(Kind kind, String text, int start, int end) {
        /** The upper-case keyword of a bare word, or "" for every other token. */
        String keyword() {
            return kind == Kind.WORD ? text.toUpperCase(Locale.ROOT) : "";
        }

        /** The name a word or quoted identifier stands for, without quotes, for comparing names. */
        String name() {
            return switch (kind) {
                case WORD -> text;
                case QUOTED -> unquote(text);
                default -> "";
            };
        }

        boolean is(char symbol) {
            return kind == Kind.SYMBOL && text.charAt(0) == symbol;
        }
    }

    private SqlLexer() {}

    static List<Token> tokens(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int newline = sql.indexOf('\n', i);
                i = newline < 0 ? n : newline + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2; // SQLite lets a block comment run to the end
            } else if (c == '\'') {
                i = quoted(sql, i, '\'');
                tokens.add(new Token(Kind.STRING, sql.substring(start, i), start, i));
            } else if (c == '"' || c == '`') {
                i = quoted(sql, i, c);
                tokens.add(new Token(Kind.QUOTED, sql.substring(start, i), start, i));
            } else if (c == '[') {
                int close = sql.indexOf(']', i + 1);
                i = close < 0 ? n : close + 1;
                tokens.add(new Token(Kind.QUOTED, sql.substring(start, i), start, i));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                i = number(sql, i);
                tokens.add(new Token(Kind.NUMBER, sql.substring(start, i), start, i));
            } else if (c == '?' || c == ':' || c == '@' || c == '$') {
                i = word(sql, i + 1);
                tokens.add(new Token(Kind.PARAMETER, sql.substring(start, i), start, i));
            } else if (wordStart(c)) {
                i = word(sql, i);
                tokens.add(new Token(Kind.WORD, sql.substring(start, i), start, i));
            } else {
                i++;
                tokens.add(new Token(Kind.SYMBOL, sql.substring(start, i), start, i));
            }
        }
        return tokens;
    }

    /** The end of a quoted token starting at {@code i}; a doubled quote is one quote inside it. */
    private static int quoted(String sql, int i, char quote) {
        int n = sql.length();
        for (int j = i + 1; j < n; j++) {
            if (sql.charAt(j) == quote) {
                if (j + 1 < n && sql.charAt(j + 1) == quote) {
                    j++;
                } else {
                    return j + 1;
                }
            }
        }
        return n;
    }

    private static int word(String sql, int i) {
        int j = i;
        while (j < sql.length() && wordPart(sql.charAt(j))) {
            j++;
        }
        return j;
    }

    private static int number(String sql, int i) {
        int j = i;
        while (j < sql.length()) {
            char c = sql.charAt(j);
            boolean exponentSign = (c == '+' || c == '-')
                    && (sql.charAt(j - 1) == 'e' || sql.charAt(j - 1) == 'E')
                    && !sql.regionMatches(true, i, "0x", 0, 2);
            if (!(wordPart(c) || c == '.' || exponentSign)) {
                break;
            }
            j++;
        }
        return j;
    }

    private static boolean wordStart(char c) {
        return c == '_' || c >= 0x80 || Character.isLetter(c);
    }

    private static boolean wordPart(char c) {
        return wordStart(c) || Character.isDigit(c) || c == '$';
    }

    static String unquote(String quoted) {
        char open = quoted.charAt(0);
        if (open == '[') {
            return quoted.substring(1, quoted.endsWith("]") ? quoted.length() - 1 : quoted.length());
        }
        String close = String.valueOf(open);
        String body = quoted.length() > 1 && quoted.endsWith(close)
                ? quoted.substring(1, quoted.length() - 1)
                : quoted.substring(1);
        return body.replace(close + close, close);
    }
}
