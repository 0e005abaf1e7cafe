using System.Globalization;
using System.Text.RegularExpressions;
using RolloutController.Time;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RolloutController.Policies.Yaml;

/// <summary>
/// Reads typed values out of YAML nodes for one file, recording a diagnostic (with the node's position) for every
/// problem instead of stopping. Each read returns null when the field is absent or wrong; callers build a policy only
/// when no diagnostic was recorded.
/// </summary>
internal sealed class NodeReader(string file)
{
    public List<PolicyDiagnostic> Diagnostics { get; } = [];

    /// <summary>Problems that do not stop the file from being applied.</summary>
    public List<PolicyDiagnostic> Warnings { get; } = [];

    public void Warn(Located at, string message) =>
        Warnings.Add(new PolicyDiagnostic(at.File, at.Line, at.Column, at.Path, message, IsWarning: true));

    public void Error(Mark at, string path, string message) =>
        Diagnostics.Add(new PolicyDiagnostic(file, (int)at.Line, (int)at.Column, path, message));

    public void Error(YamlNode node, string path, string message) => Error(node.Start, path, message);

    public void Error(Located at, string message) => Diagnostics.Add(new PolicyDiagnostic(at.File, at.Line, at.Column, at.Path, message));

    /// <summary>A successfully read value with the position of its node.</summary>
    public Located? Locate(string? value, Field field) =>
        value is null || field.Node is null
            ? null
            : new Located(value, file, (int)field.Node.Start.Line, (int)field.Node.Start.Column, field.Path);

    public MappingFields? Fields(Field field, params string[] allowed) =>
        field.Node is null ? null
        : field.Node is YamlMappingNode mapping ? new MappingFields(this, mapping, field.Path, field.Key ?? mapping, allowed)
        : TypeError<MappingFields>(field, "a mapping");

    public YamlSequenceNode? Sequence(Field field) =>
        field.Node is null or YamlSequenceNode ? field.Node as YamlSequenceNode : TypeError<YamlSequenceNode>(field, "a sequence");

    /// <summary>A string with something other than whitespace in it.</summary>
    public string? String(Field field)
    {
        if (Scalar(field, ScalarKind.String, "a string") is not { } value) return null;
        if (!string.IsNullOrWhiteSpace(value)) return value;
        Report(field, "must not be empty");
        return null;
    }

    /// <summary>A string matching <paramref name="format"/>; otherwise reports "'value' is not a valid {what}: {rule}".</summary>
    public string? String(Field field, Regex format, string what, string rule)
    {
        if (String(field) is not { } value) return null;
        if (format.IsMatch(value)) return value;
        Report(field, $"'{DiagnosticText.Quote(value)}' is not a valid {what}: {rule}");
        return null;
    }

    /// <summary>
    /// An absolute <c>http</c>/<c>https</c> URL without whitespace (a runbook): what on-call opens from a notification, so a
    /// relative path or another scheme is refused here rather than found broken during an incident.
    /// </summary>
    public string? HttpUrl(Field field)
    {
        if (String(field) is not { } value) return null;
        if (PolicyPatterns.IsHttpUrl(value)) return value;
        Report(field, $"'{DiagnosticText.Quote(value)}' is not an absolute http(s) URL: write it in full, e.g. https://wiki.example.com/runbooks/checkout");
        return null;
    }

    public int? Integer(Field field, int minimum)
    {
        if (Scalar(field, ScalarKind.Int, "an integer") is not { } text) return null;
        if (!TryParseInteger(text, out var value))
            Report(field, $"must be an integer from {minimum} to {int.MaxValue}, got {DiagnosticText.Quote(text)}");
        else if (value > int.MaxValue)
            Report(field, $"must be at most {int.MaxValue}, got {DiagnosticText.Quote(text)}");
        else if (value < minimum)
            Report(field, $"must be at least {minimum}, got {DiagnosticText.Quote(text)}");
        else
            return (int)value;
        return null;
    }

    /// <summary>A finite number, read exactly (weights are compared to three decimals).</summary>
    public decimal? Decimal(Field field)
    {
        if (Number(field) is not { } text) return null;
        if (TryParseInteger(text, out var integer)) return integer;
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        Report(field, $"must be a finite number, got {DiagnosticText.Quote(text)}");
        return null;
    }

    public double? Double(Field field)
    {
        if (Number(field) is not { } text) return null;
        if (TryParseInteger(text, out var integer)) return integer;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        Report(field, $"must be a finite number, got {DiagnosticText.Quote(text)}");
        return null;
    }

    public bool? Boolean(Field field)
    {
        if (Scalar(field, ScalarKind.Bool, "a boolean (true or false)") is not { } text) return null;
        return text is "true" or "True" or "TRUE";
    }

    /// <summary>A number strictly between <paramref name="above"/> and <paramref name="below"/> (alpha, p thresholds).</summary>
    public double? DoubleBetween(Field field, double above, double below)
    {
        var value = Double(field);
        if (value is null || (value > above && value < below)) return value;
        Report(field, string.Create(CultureInfo.InvariantCulture, $"must be greater than {above} and less than {below}, got {value}"));
        return null;
    }

    public TimeSpan? Duration(Field field)
    {
        if (Scalar(field, ScalarKind.String, "a duration such as 30s, 15m, 24h or 7d") is not { } text) return null;
        if (DurationParser.TryParse(text, out var value, out var error)) return value;
        Report(field, error);
        return null;
    }

    /// <summary>One of the enum's member names in lower case (<c>release</c>, <c>hold</c>).</summary>
    public TEnum? Enum<TEnum>(Field field) where TEnum : struct, Enum
    {
        if (Scalar(field, ScalarKind.String, "a string") is not { } text) return null;
        foreach (var value in System.Enum.GetValues<TEnum>())
            if (string.Equals(EnumName(value), text, StringComparison.Ordinal)) return value;
        var allowed = string.Join(", ", System.Enum.GetValues<TEnum>().Select(EnumName));
        Report(field, $"'{DiagnosticText.Quote(text)}' is not one of: {allowed}");
        return null;
    }

    /// <summary>A calendar date written <c>YYYY-MM-DD</c>.</summary>
    public DateOnly? Date(Field field)
    {
        if (Scalar(field, ScalarKind.String, "a date (YYYY-MM-DD)") is not { } text) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Report(field, $"'{DiagnosticText.Quote(text)}' is not a date: write YYYY-MM-DD, e.g. 2026-12-15");
        return null;
    }

    public static string EnumName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        value.ToString().ToLowerInvariant();

    private string? Number(Field field)
    {
        if (field.Node is null) return null;
        if (field.Node is YamlScalarNode scalar && YamlScalars.Kind(scalar) is ScalarKind.Int or ScalarKind.Float)
            return scalar.Value;
        return TypeError<string>(field, "a number");
    }

    private string? Scalar(Field field, ScalarKind kind, string expected)
    {
        if (field.Node is null) return null;
        if (field.Node is YamlScalarNode scalar && YamlScalars.Kind(scalar) == kind) return scalar.Value ?? "";
        var hint = kind == ScalarKind.String && field.Node is YamlScalarNode ? " (quote it to use it as text)" : "";
        return TypeError<string>(field, expected, hint);
    }

    // An explicit tag (!!int) makes any text an integer scalar, so the digits after 0x / 0o are not guaranteed.
    private static bool TryParseInteger(string text, out long value)
    {
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            // As unsigned, then bounded: a signed hex parse would read 0xFFFFFFFFFFFFFFFF as -1.
            var parsed = ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex <= long.MaxValue;
            value = parsed ? (long)hex : 0;
            return parsed;
        }
        if (text.StartsWith("0o", StringComparison.Ordinal)) return TryParseOctal(text.AsSpan(2), out value);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseOctal(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty) return false;
        foreach (var digit in digits)
        {
            if (digit is < '0' or > '7' || value > long.MaxValue >> 3) return false;
            value = (value << 3) + (digit - '0');
        }
        return true;
    }

    private T? TypeError<T>(Field field, string expected, string hint = "") where T : class
    {
        Error(field.Node!, field.Path, $"expected {expected}, got {YamlScalars.Describe(field.Node!)}{hint}");
        return default;
    }

    private void Report(Field field, string message) => Error(field.Node!, field.Path, message);
}
