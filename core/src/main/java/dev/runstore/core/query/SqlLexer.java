package dev.runstore.core.query;

import dev.runstore.core.db.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into the tokens the guard needs to see: words, quoted identifiers, strings,
 * parameters and single punctuation characters. Comments and whitespace are dropped, so a keyword
 * inside a comment, a string or a quoted identifier is never taken for one. It is not a parser: an
 * unterminated string or identifier becomes one token that runs to the end, and the engine reports it.
 *
 * <p>Each engine quotes differently, and the guard is only as good as its agreement with the engine
 * (a quote one side sees and the other does not hides a second statement): PostgreSQL adds dollar
 * quotes ({@code $$…$$}, {@code $tag$…$tag$}), escape strings ({@code E'\''}), {@code U&"…"} and
 * nested block comments, and has no {@code `…`} or {@code […]} quoting ({@code [} subscripts an
 * array); SQLite reads a {@code $} word as a parameter.
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

    /** SQLite's tokens: for checking a statement before knowing the engine it will run on. */
    static List<Token> tokens(String sql) {
        return tokens(sql, Dialect.SQLITE);
    }

    static List<Token> tokens(String sql, Dialect dialect) {
        boolean postgres = dialect == Dialect.POSTGRESQL;
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (space(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = lineComment(sql, i, postgres);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = postgres ? nestedComment(sql, i) : sqliteComment(sql, i);
            } else if (postgres && c == '$' && dollarTag(sql, i) > 0) {
                i = dollarQuoted(sql, i, dollarTag(sql, i));
                tokens.add(new Token(Kind.STRING, sql.substring(start, i), start, i));
            } else if (postgres && (c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                i = escapeString(sql, i + 1);
                tokens.add(new Token(Kind.STRING, sql.substring(start, i), start, i));
            } else if (postgres
                    && (c == 'u' || c == 'U')
                    && sql.startsWith("&", i + 1)
                    && i + 2 < n
                    && (sql.charAt(i + 2) == '\'' || sql.charAt(i + 2) == '"')) {
                char quote = sql.charAt(i + 2);
                i = quoted(sql, i + 2, quote);
                tokens.add(new Token(quote == '"' ? Kind.QUOTED : Kind.STRING, sql.substring(start, i), start, i));
            } else if (c == '\'') {
                i = quoted(sql, i, '\'');
                tokens.add(new Token(Kind.STRING, sql.substring(start, i), start, i));
            } else if (c == '"' || (c == '`' && !postgres)) {
                i = quoted(sql, i, c);
                tokens.add(new Token(Kind.QUOTED, sql.substring(start, i), start, i));
            } else if (c == '[' && !postgres) {
                int close = sql.indexOf(']', i + 1);
                i = close < 0 ? n : close + 1;
                tokens.add(new Token(Kind.QUOTED, sql.substring(start, i), start, i));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                i = number(sql, i);
                tokens.add(new Token(Kind.NUMBER, sql.substring(start, i), start, i));
            } else if (postgres ? c == '?' || c == '$' : c == '?' || c == ':' || c == '@' || c == '$') {
                // PostgreSQL: ?, $1 (a : is a cast, an @ an operator)
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

    /**
     * The space both engines skip between tokens: ASCII only. Java's {@link Character#isWhitespace}
     * also takes U+2028, U+3000 and the like, which both engines read as letters of an identifier;
     * skipping one would let a {@code $$} right after it open a string here and not there.
     */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /**
     * The end of a {@code --} comment starting at {@code i}: PostgreSQL (its scanner and pgjdbc's
     * splitter alike) ends it at a carriage return or a line feed, SQLite's tokenizer at a line feed
     * only ({@code tokenize.c}: {@code c!='\n'}), so a lone {@code \r} hides nothing from either.
     */
    private static int lineComment(String sql, int i, boolean postgres) {
        int j = i + 2;
        while (j < sql.length() && sql.charAt(j) != '\n' && !(postgres && sql.charAt(j) == '\r')) {
            j++;
        }
        return Math.min(j + 1, sql.length());
    }

    private static int sqliteComment(String sql, int i) {
        int close = sql.indexOf("*/", i + 2);
        return close < 0 ? sql.length() : close + 2; // SQLite lets a block comment run to the end
    }

    /** PostgreSQL's block comments nest: {@code /* a /* b *\/ c *\/} is one comment. */
    private static int nestedComment(String sql, int i) {
        int depth = 0;
        int j = i;
        while (j < sql.length()) {
            if (sql.startsWith("/*", j)) {
                depth++;
                j += 2;
            } else if (sql.startsWith("*/", j)) {
                j += 2;
                if (--depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return j;
    }

    /**
     * The length of the opening tag {@code $$} or {@code $tag$} at {@code i}, or 0 when {@code $}
     * starts something else ({@code $1} is a parameter). A tag is an identifier without {@code $}.
     */
    private static int dollarTag(String sql, int i) {
        int j = i + 1;
        if (j < sql.length() && Character.isDigit(sql.charAt(j))) {
            return 0;
        }
        while (j < sql.length() && sql.charAt(j) != '$') {
            char c = sql.charAt(j);
            if (!(wordStart(c) || Character.isDigit(c))) {
                return 0;
            }
            j++;
        }
        return j < sql.length() ? j + 1 - i : 0;
    }

    /** The end of a dollar-quoted string: after the same tag closes it, or the end of the text. */
    private static int dollarQuoted(String sql, int i, int tagLength) {
        String tag = sql.substring(i, i + tagLength);
        int close = sql.indexOf(tag, i + tagLength);
        return close < 0 ? sql.length() : close + tagLength;
    }

    /** The end of an {@code E'…'} string starting at its quote: a backslash escapes the next character. */
    private static int escapeString(String sql, int i) {
        int n = sql.length();
        for (int j = i + 1; j < n; j++) {
            char c = sql.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '\'') {
                if (j + 1 < n && sql.charAt(j + 1) == '\'') {
                    j++;
                } else {
                    return j + 1;
                }
            }
        }
        return n;
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
