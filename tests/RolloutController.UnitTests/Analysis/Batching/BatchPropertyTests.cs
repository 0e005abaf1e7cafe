using System.Text.RegularExpressions;
using RolloutController.Analysis;
using RolloutController.Analysis.Batching;

namespace RolloutController.UnitTests.Analysis.Batching;

/// <summary>Properties over random sets of flag keys, regex metacharacters included, with fixed seeds.</summary>
public sealed class BatchPropertyTests
{
    private const string Alphabet = "abc-_.+*?()[]{}|^$\\\"' é0";

    private static readonly BatchTemplate Template = BatchTemplate.Analyze(
        "sum(rate(x{flag=\"{{ flag }}\",code=~\"5..\"}[5m])) / sum(rate(x{flag=\"{{ flag }}\"}[5m]))").Template!;

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_batch_regex_matches_exactly_its_own_keys(int seed)
    {
        var random = new Random(seed);
        var flags = RandomKeys(random, random.Next(1, 40));
        var maxLength = random.Next(150, 1500);

        var batches = Template.Render(flags, maxLength);

        batches.SelectMany(b => b.Flags).ShouldBe(flags.Distinct(StringComparer.Ordinal));
        foreach (var batch in batches)
        {
            if (batch.Flags.Count > 1) batch.Query.Length.ShouldBeLessThanOrEqualTo(maxLength);
            var regexes = Alternations(batch.Query);
            regexes.Count.ShouldBe(2);
            regexes.Distinct().ShouldHaveSingleItem();
            // Prometheus anchors label regexes; RE2 and .NET agree on escaped literals and alternation.
            var regex = new Regex($"^(?:{regexes[0]})\\z", RegexOptions.CultureInvariant);
            foreach (var flag in flags.Concat(RandomKeys(random, 20)))
                regex.IsMatch(flag).ShouldBe(batch.Flags.Contains(flag), $"key '{flag}' against {regexes[0]}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Splitting_a_batched_answer_gives_back_every_flags_own_answer(int seed)
    {
        var random = new Random(seed);
        var flags = RandomKeys(random, random.Next(1, 12)).Distinct(StringComparer.Ordinal).ToList();
        var labelAdded = random.Next(2) == 0;
        // Each flag's single answer: its series, with the flag label only when the single query keeps it.
        var single = flags.ToDictionary(f => f, f => Enumerable.Range(0, random.Next(0, 4))
            .Select(i => new LabeledSample(Labels(random, i, labelAdded ? null : f), RandomValue(random))).ToList());
        var batched = single
            .SelectMany(p => p.Value.Select(s => labelAdded
                ? s with { Labels = new Dictionary<string, string>(s.Labels) { ["flag"] = p.Key } }
                : s))
            .OrderBy(_ => random.Next())
            .ToList();
        var template = labelAdded
            ? BatchTemplate.Analyze("sum by (code) (x{flag=\"{{ flag }}\"})").Template!
            : BatchTemplate.Analyze("x{flag=\"{{ flag }}\"}").Template!;

        var split = template.Split(new QueryBatch("q", flags), VectorOutcome.Of(batched));

        split.Keys.Order(StringComparer.Ordinal).ShouldBe(flags.Order(StringComparer.Ordinal));
        foreach (var flag in flags)
        {
            split[flag].Kind.ShouldBe(single[flag].Count == 0 ? QueryOutcomeKind.Empty : QueryOutcomeKind.Value);
            Canonical(split[flag].Series).ShouldBe(Canonical(single[flag]));
        }
    }

    private static List<string> RandomKeys(Random random, int count) =>
        Enumerable.Range(0, count)
            .Select(_ => new string(Enumerable.Range(0, random.Next(1, 8)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()))
            .ToList();

    /// <summary>The decoded regex of every <c>flag=~"…"</c> matcher of <paramref name="query"/>, read with the tokenizer.</summary>
    private static List<string> Alternations(string query)
    {
        var tokens = PromQlTokenizer.Tokenize(query);
        tokens[^1].Kind.ShouldBe(PromQlTokenKind.End);
        return tokens.Select((t, i) => (t, i))
            .Where(p => p.t.Kind == PromQlTokenKind.String && p.i >= 2 && tokens[p.i - 1].Text == "=~" && tokens[p.i - 2].Text == "flag")
            .Select(p => p.t.Value!)
            .ToList();
    }

    private static Dictionary<string, string> Labels(Random random, int index, string? flag)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["code"] = $"{index}{random.Next(100)}" };
        if (flag is not null) labels["flag"] = flag;
        return labels;
    }

    private static double RandomValue(Random random) => random.Next(10) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        _ => random.NextDouble() * Math.Pow(10, random.Next(-5, 6)),
    };

    private static List<string> Canonical(IEnumerable<LabeledSample> series) =>
        series.Select(s => string.Join(",", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) +
                           " " + BitConverter.DoubleToInt64Bits(s.Value))
            .Order(StringComparer.Ordinal)
            .ToList();
}
