using RolloutController.Analysis.Batching;
using static RolloutController.Analysis.Batching.PromQlTokenKind;

namespace RolloutController.UnitTests.Analysis.Batching;

public sealed class PromQlTokenizerTests
{
    [Fact]
    public void A_guardrail_query_becomes_its_tokens_with_offsets()
    {
        const string query = "sum by (le) (rate(http_request_duration_seconds_bucket{flag=\"x\",code=~\"5..\"}[5m] offset 1h @ 1700000000))";

        var tokens = PromQlTokenizer.Tokenize(query);

        tokens.Select(t => (t.Kind, t.Text)).ShouldBe([
            (Keyword, "sum"), (Keyword, "by"), (LeftParen, "("), (Identifier, "le"), (RightParen, ")"), (LeftParen, "("),
            (Identifier, "rate"), (LeftParen, "("), (Identifier, "http_request_duration_seconds_bucket"), (LeftBrace, "{"),
            (Identifier, "flag"), (Operator, "="), (PromQlTokenKind.String, "\"x\""), (Comma, ","), (Identifier, "code"), (Operator, "=~"),
            (PromQlTokenKind.String, "\"5..\""), (RightBrace, "}"), (LeftBracket, "["), (Duration, "5m"), (RightBracket, "]"), (Keyword, "offset"),
            (Duration, "1h"), (At, "@"), (Number, "1700000000"), (RightParen, ")"), (RightParen, ")"), (End, ""),
        ]);
        tokens.Where(t => t.Kind != End).ShouldAllBe(t => query.Substring(t.Start, t.Text.Length) == t.Text);
    }

    [Theory]
    [InlineData("job:http_requests:rate5m", nameof(Identifier))]
    [InlineData("http_requests_total", nameof(Identifier))]
    [InlineData("_private", nameof(Identifier))]
    [InlineData("sum", nameof(Keyword))]
    [InlineData("SUM", nameof(Keyword))]
    [InlineData("Without", nameof(Keyword))]
    [InlineData("group_left", nameof(Keyword))]
    [InlineData("atan2", nameof(Keyword))]
    [InlineData("unless", nameof(Keyword))]
    [InlineData("1", nameof(Number))]
    [InlineData("1.5", nameof(Number))]
    [InlineData(".5", nameof(Number))]
    [InlineData("1e3", nameof(Number))]
    [InlineData("1.5E-3", nameof(Number))]
    [InlineData("0x1F", nameof(Number))]
    [InlineData("Inf", nameof(Number))]
    [InlineData("nan", nameof(Number))]
    [InlineData("5m", nameof(Duration))]
    [InlineData("500ms", nameof(Duration))]
    [InlineData("1h30m", nameof(Duration))]
    [InlineData("7d", nameof(Duration))]
    [InlineData("2w", nameof(Duration))]
    [InlineData("1y", nameof(Duration))]
    [InlineData("# a comment", nameof(Comment))]
    public void Each_word_number_and_duration_is_one_token(string text, string kind)
    {
        var tokens = PromQlTokenizer.Tokenize(text);

        tokens.Select(t => (t.Kind, t.Text)).ShouldBe([(Enum.Parse<PromQlTokenKind>(kind), text), (End, "")]);
    }

    [Theory]
    [InlineData("==")]
    [InlineData("!=")]
    [InlineData("<=")]
    [InlineData(">=")]
    [InlineData("=~")]
    [InlineData("!~")]
    [InlineData("=")]
    [InlineData("<")]
    [InlineData(">")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("*")]
    [InlineData("/")]
    [InlineData("%")]
    [InlineData("^")]
    public void Operators_are_read_whole(string op) =>
        PromQlTokenizer.Tokenize($"a{op}b").Select(t => (t.Kind, t.Text)).ShouldBe([(Identifier, "a"), (Operator, op), (Identifier, "b"), (End, "")]);

    [Fact]
    public void Inside_braces_keywords_and_number_words_are_label_names()
    {
        var tokens = PromQlTokenizer.Tokenize("x{on=\"1\", by=\"2\", inf=\"3\"} + on");

        tokens.Where(t => t.Kind is Identifier or Keyword).Select(t => (t.Kind, t.Text))
            .ShouldBe([(Identifier, "x"), (Identifier, "on"), (Identifier, "by"), (Identifier, "inf"), (Keyword, "on")]);
    }

    [Fact]
    public void A_subquery_range_has_its_colon()
    {
        var tokens = PromQlTokenizer.Tokenize("x[1h:5m]");

        tokens.Select(t => t.Kind).ShouldBe([Identifier, LeftBracket, Duration, Colon, Duration, RightBracket, End]);
    }

    [Fact]
    public void A_comment_runs_to_the_end_of_its_line()
    {
        var tokens = PromQlTokenizer.Tokenize("sum(x) # total {{ flag }}\n/ 2");

        tokens.Select(t => (t.Kind, t.Text)).ShouldBe([
            (Keyword, "sum"), (LeftParen, "("), (Identifier, "x"), (RightParen, ")"), (Comment, "# total {{ flag }}"),
            (Operator, "/"), (Number, "2"), (End, ""),
        ]);
    }

    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("'single'", "single")]
    [InlineData("`raw \\n stays`", "raw \\n stays")]
    [InlineData("`spans\nlines`", "spans\nlines")]
    [InlineData("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("'it\\'s'", "it's")]
    [InlineData("\"back\\\\slash\"", "back\\slash")]
    [InlineData("\"\\a\\b\\f\\n\\r\\t\\v\"", "\a\b\f\n\r\t\v")]
    [InlineData("\"\\x41\\101\"", "AA")]
    [InlineData("\"\\xc3\\xa9\"", "é")]
    [InlineData("\"\\u00e9\\U0001F600\"", "é😀")]
    [InlineData("\"{{ flag }}\"", "{{ flag }}")]
    [InlineData("\"é😀\"", "é😀")]
    public void Strings_are_decoded_in_every_quote_form(string literal, string value)
    {
        var token = PromQlTokenizer.Tokenize(literal)[0];

        (token.Kind, token.Text, token.Value).ShouldBe((PromQlTokenKind.String, literal, value));
    }

    [Theory]
    [InlineData("\"open", "unterminated string")]
    [InlineData("'line\nbreak'", "unterminated string")]
    [InlineData("`open", "unterminated string")]
    [InlineData("\"\\q\"", "unknown escape sequence")]
    [InlineData("'\\\"'", "unknown escape sequence")]
    [InlineData("\"\\'\"", "unknown escape sequence")]
    [InlineData("\"\\xZZ\"", "invalid escape sequence")]
    [InlineData("\"\\400\"", "invalid escape sequence")]
    [InlineData("\"\\ud800\"", "invalid escape sequence")]
    [InlineData("\"\\u00\"", "escape sequence not terminated")]
    [InlineData("5x", "bad number or duration")]
    [InlineData("5mm", "bad number or duration")]
    [InlineData("x $ y", "unexpected character '$'")]
    [InlineData("x ! y", "unexpected character '!'")]
    public void Text_that_is_not_PromQL_ends_in_an_error_token(string query, string message)
    {
        var tokens = PromQlTokenizer.Tokenize(query);

        tokens[^1].Kind.ShouldBe(Error);
        tokens[^1].Value.ShouldNotBeNull().ShouldContain(message);
    }
}
