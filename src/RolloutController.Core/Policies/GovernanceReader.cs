using System.Globalization;
using RolloutController.Calendar;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Reads <c>spec.windows</c>, <c>spec.startAt</c> and <c>spec.mode</c>; every problem is reported at its value.</summary>
internal static class GovernanceReader
{
    /// <summary>How <c>spec.mode</c> is written, by mode.</summary>
    public static readonly IReadOnlyDictionary<string, RolloutMode> Modes =
        new Dictionary<string, RolloutMode>(StringComparer.Ordinal) { ["live"] = RolloutMode.Live, ["dry-run"] = RolloutMode.DryRun };

    private static readonly string[] StartAtFormats = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK"];

    /// <summary>The governance of the policy; null when any of its fields is invalid.</summary>
    public static GovernanceSpec? Read(NodeReader reader, MappingFields fields)
    {
        var windows = ReadWindows(reader, fields.Optional("windows"));
        var startAtField = fields.Optional("startAt");
        DateTimeOffset? startAt = null;
        var valid = windows is not null;
        if (startAtField.Node is not null)
        {
            startAt = ReadStartAt(reader, startAtField);
            valid &= startAt is not null;
        }
        var mode = RolloutMode.Live;
        var modeField = fields.Optional("mode");
        if (modeField.Node is not null)
        {
            if (reader.String(modeField) is not { } text) valid = false;
            else if (Modes.TryGetValue(text, out var m)) mode = m;
            else
            {
                reader.Error(modeField.Node, modeField.Path, $"'{DiagnosticText.Quote(text)}' is not one of: {string.Join(", ", Modes.Keys)}");
                valid = false;
            }
        }
        return valid ? new GovernanceSpec(windows!, startAt, mode) : null;
    }

    private static List<ReleaseWindow>? ReadWindows(NodeReader reader, Field field)
    {
        if (field.Node is null) return [];
        if (reader.Sequence(field) is not { } sequence) return null;
        if (sequence.Children.Count == 0)
        {
            reader.Error(sequence, field.Path, "must list at least one window (omit the field to allow advancing at any time)");
            return null;
        }
        var windows = new List<ReleaseWindow>();
        var valid = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var entry = new Field(sequence.Children[i], PathJoin.Index(field.Path, i));
            if (reader.String(entry) is not { } text) valid = false;
            else if (ReleaseWindowParser.TryParse(text, out var error) is { } window) windows.Add(window);
            else
            {
                reader.Error(entry.Node!, entry.Path, DiagnosticText.Escape(error!, 2 * DiagnosticText.MaxValueLength));
                valid = false;
            }
        }
        return valid ? windows : null;
    }

    private static DateTimeOffset? ReadStartAt(NodeReader reader, Field field)
    {
        if (reader.String(field) is not { } text) return null;
        if (DateTimeOffset.TryParseExact(text, StartAtFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            && (text.EndsWith('Z') || text[^6] is '+' or '-'))
            return at;
        reader.Error(field.Node!, field.Path,
            $"'{DiagnosticText.Quote(text)}' is not a time with its offset: write YYYY-MM-DDTHH:MM followed by Z or an offset, e.g. 2026-12-07T09:00+01:00");
        return null;
    }
}
