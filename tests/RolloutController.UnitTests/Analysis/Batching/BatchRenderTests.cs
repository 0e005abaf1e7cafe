using RolloutController.Analysis.Batching;

namespace RolloutController.UnitTests.Analysis.Batching;

public sealed class BatchRenderTests
{
    private static readonly BatchTemplate ErrorRate = BatchTemplate.Analyze(
        "sum(rate(x{flag=\"{{ flag }}\",code=~\"5..\"}[5m])) / sum(rate(x{flag=\"{{ flag }}\"}[5m]))").Template!;

    [Fact]
    public void Every_flag_matcher_gets_the_alternation_of_the_keys()
    {
        var batch = ErrorRate.Render(["new-checkout", "search.ranking-v2"]).ShouldHaveSingleItem();

        batch.Query.ShouldBe(
            "sum by (flag) (rate(x{flag=~\"new-checkout|search\\\\.ranking-v2\",code=~\"5..\"}[5m])) / sum by (flag) (rate(x{flag=~\"new-checkout|search\\\\.ranking-v2\"}[5m]))");
        batch.Flags.ShouldBe(["new-checkout", "search.ranking-v2"]);
    }

    [Theory]
    [InlineData("a.b", @"a\\.b")]
    [InlineData("a+b", @"a\\+b")]
    [InlineData("a-b_c", "a-b_c")]
    [InlineData(@"\.+*?()|[]{}^$", @"\\\\\\.\\+\\*\\?\\(\\)\\|\\[\\]\\{\\}\\^\\$")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("tab\there", @"tab\there")]
    [InlineData("é", "é")]
    public void Keys_are_regex_escaped_then_string_escaped(string flag, string inQuery) =>
        ErrorRate.Render([flag]).ShouldHaveSingleItem().Query.ShouldContain($"flag=~\"{inQuery}\"");

    [Fact]
    public void Duplicate_keys_are_queried_once_and_no_keys_make_no_query()
    {
        ErrorRate.Render(["a", "b", "a"]).ShouldHaveSingleItem().Flags.ShouldBe(["a", "b"]);
        ErrorRate.Render([]).ShouldBeEmpty();
    }

    [Fact]
    public void A_long_list_of_keys_is_cut_into_batches_within_the_length_limit()
    {
        var flags = Enumerable.Range(0, 100).Select(i => $"flag-{i:D3}").ToList();
        var single = ErrorRate.Render(["flag-000"]).Single().Query.Length;

        var batches = ErrorRate.Render(flags, maxQueryLength: single + 2 * 9 * 9);

        batches.SelectMany(b => b.Flags).ShouldBe(flags);
        batches.ShouldAllBe(b => b.Query.Length <= single + 2 * 9 * 9);
        // Each further key costs "|flag-nnn" (9 characters) in both matchers: ten keys fit in a batch.
        batches.Select(b => b.Flags.Count).ShouldBe(Enumerable.Repeat(10, 10));
    }

    [Fact]
    public void The_default_limit_holds_hundreds_of_typical_keys_per_query()
    {
        var flags = Enumerable.Range(0, 10_000).Select(i => $"team-{i % 40}.feature-{i:D5}").ToList();

        var batches = ErrorRate.Render(flags);

        batches.ShouldAllBe(b => b.Query.Length <= BatchTemplate.MaxQueryLength);
        batches.SelectMany(b => b.Flags).ShouldBe(flags);
        // "|team-12\\.feature-00001" costs 24 characters in each of the two matchers.
        batches.SkipLast(1).ShouldAllBe(b => b.Flags.Count >= 650);
    }

    [Fact]
    public void A_key_too_long_for_the_limit_gets_a_query_of_its_own()
    {
        var batches = ErrorRate.Render(["a", new string('x', 200), "b"], maxQueryLength: 150);

        batches.Select(b => b.Flags).ShouldBe([["a"], [new string('x', 200)], ["b"]]);
    }
}
