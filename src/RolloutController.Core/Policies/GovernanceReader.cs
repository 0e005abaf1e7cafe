using System.Globalization;
using RolloutController.Calendar;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>Reads <c>spec.windows</c>, <c>spec.startAt</c>, <c>spec.mode</c> and <c>spec.approvals</c>; every problem is reported at its value.</summary>
internal static class GovernanceReader
{
    /// <summary>How <c>spec.mode</c> is written, by mode.</summary>
    public static readonly IReadOnlyDictionary<string, RolloutMode> Modes =
        new Dictionary<string, RolloutMode>(StringComparer.Ordinal) { ["live"] = RolloutMode.Live, ["dry-run"] = RolloutMode.DryRun };

    private static readonly string[] StartAtFormats = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK"];

    /// <summary>The governance of the policy; null when any of its fields is invalid.</summary>
    /// <param name="stages">The policy's stages when they are valid: approvals name their weights.</param>
    public static GovernanceSpec? Read(NodeReader reader, MappingFields fields, IReadOnlyList<StageSpec>? stages)
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
        ApprovalSpec? approvals = null;
        var approvalsField = fields.Optional("approvals");
        if (approvalsField.Node is not null)
        {
            approvals = ReadApprovals(reader, approvalsField, stages);
            valid &= approvals is not null;
        }
        return valid ? new GovernanceSpec(windows!, startAt, mode) { Approvals = approvals } : null;
    }

    private static ApprovalSpec? ReadApprovals(NodeReader reader, Field field, IReadOnlyList<StageSpec>? stages)
    {
        if (reader.Fields(field, "before", "required", "from") is not { } fields) return null;
        var valid = true;
        var before = new List<decimal>();
        var beforeField = fields.Required("before");
        if (reader.Sequence(beforeField) is { } sequence)
        {
            if (sequence.Children.Count == 0)
            {
                reader.Error(sequence, beforeField.Path, "must list at least one stage weight (omit approvals to need none)");
                valid = false;
            }
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var entry = new Field(sequence.Children[i], PathJoin.Index(beforeField.Path, i));
                if (reader.Decimal(entry) is not { } weight) valid = false;
                else if (stages is not null && CheckStage(reader, entry, weight, stages) is false) valid = false;
                else before.Add(weight);
            }
        }
        else valid = false;

        var required = 1;
        var requiredField = fields.Optional("required");
        if (requiredField.Node is not null)
        {
            if (reader.Integer(requiredField, 1) is { } n) required = n;
            else valid = false;
        }
        var from = new List<string>();
        var teams = new List<Located>();
        var fromField = fields.Optional("from");
        if (fromField.Node is not null)
        {
            if (reader.Sequence(fromField) is { } names)
                for (var i = 0; i < names.Children.Count; i++)
                {
                    var entry = new Field(names.Children[i], PathJoin.Index(fromField.Path, i));
                    if (reader.String(entry) is not { } name) valid = false;
                    // A role as the roles table writes it or in the plural (release-managers); anything else names a team.
                    else if (ApproverNames.Role(name) is { } role) from.Add(role);
                    else
                    {
                        from.Add(name);
                        teams.Add(reader.Locate(name, entry)!);
                    }
                }
            else valid = false;
        }
        return valid ? new ApprovalSpec(before, required, from) { TeamsAt = teams } : null;
    }

    // An approval stands before a stage the rollout enters by advancing: a stage of the policy, not the first.
    private static bool CheckStage(NodeReader reader, Field entry, decimal weight, IReadOnlyList<StageSpec> stages)
    {
        var text = weight.ToString(CultureInfo.InvariantCulture);
        var index = stages.ToList().FindIndex(s => s.Weight == weight);
        if (index > 0) return true;
        reader.Error(entry.Node!, entry.Path, index == 0
            ? $"the first stage starts without approval, got {text}; name a later stage (or use startAt)"
            : $"not the weight of a stage, got {text}; stages: {string.Join(", ", stages.Select(s => s.Weight.ToString(CultureInfo.InvariantCulture)))}");
        return false;
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
