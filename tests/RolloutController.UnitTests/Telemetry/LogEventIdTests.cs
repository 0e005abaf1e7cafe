using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RolloutController.Telemetry;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.UnitTests.Telemetry;

/// <summary>Every <c>[LoggerMessage]</c> of the controller and Core has an event id of its own, in its class's documented range.</summary>
public sealed partial class LogEventIdTests
{
    private static readonly Assembly[] Assemblies =
        [typeof(ControllerMetrics).Assembly, typeof(RolloutController.Rollouts.RolloutState).Assembly];

    private static readonly IReadOnlyList<(Type LogClass, string Method, int EventId)> Messages =
    [
        .. Assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance
                | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => (m.Method.DeclaringType!, m.Method.Name, m.Attribute!.EventId)),
    ];

    private static string Name((Type LogClass, string Method, int EventId) message) => $"{message.LogClass.Name}.{message.Method}";

    [Fact]
    public void The_assemblies_have_log_messages()
    {
        Messages.Count.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void Every_log_message_names_its_event_id()
    {
        // Without one the generator derives an id from the method's name, which nothing keeps unique.
        Messages.Where(m => m.EventId < 0).Select(Name).ShouldBeEmpty();
    }

    [Fact]
    public void No_two_log_messages_share_an_event_id()
    {
        var duplicates = Messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(Name))}");
        duplicates.ShouldBeEmpty();
    }

    [Fact]
    public void Every_log_class_stays_in_its_documented_range()
    {
        var ranges = DocumentedRanges();
        var undocumented = Messages.Select(m => m.LogClass.Name).Distinct().Where(c => !ranges.ContainsKey(c));
        undocumented.ShouldBeEmpty("log classes missing from the table in docs/observability.md");

        var outside = Messages.Where(m => ranges.TryGetValue(m.LogClass.Name, out var r) && (m.EventId < r.First || m.EventId > r.Last))
            .Select(m => $"{Name(m)} = {m.EventId}, range {ranges[m.LogClass.Name].First}–{ranges[m.LogClass.Name].Last}");
        outside.ShouldBeEmpty();

        var overlapping = ranges.SelectMany(a => ranges.Where(b => string.CompareOrdinal(a.Key, b.Key) < 0
                && a.Value.First <= b.Value.Last && b.Value.First <= a.Value.Last)
            .Select(b => $"{a.Key} and {b.Key}"));
        overlapping.ShouldBeEmpty();
    }

    /// <summary>The table under "Log event ids" in docs/observability.md: class name to its first and last id.</summary>
    private static Dictionary<string, (int First, int Last)> DocumentedRanges() =>
        File.ReadLines(Path.Combine(RepositoryLayout.Root, "docs", "observability.md"))
            .Select(l => RangeRow().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["class"].Value, m => (int.Parse(m.Groups["first"].Value), int.Parse(m.Groups["last"].Value)));

    [GeneratedRegex(@"^\| `(?:[A-Za-z]+/)*(?<class>[A-Za-z]+Log)` \| (?<first>\d+)–(?<last>\d+) \|")]
    private static partial Regex RangeRow();
}
