using System.Globalization;

namespace RolloutController.Flags;

/// <summary>
/// One attribute of an evaluation context, or one literal of a condition: a string, a number or a boolean. A struct, so
/// reading a context allocates nothing.
/// </summary>
/// <remarks>A number may keep its text as written (<see cref="Text"/>), so it shows as the client sent it; it compares by <see cref="Number"/>.</remarks>
internal readonly record struct ContextValue(ContextValueKind Kind, string? Text, double Number, bool Boolean)
{
    public static ContextValue Of(string text) => new(ContextValueKind.String, text, 0, false);

    public static ContextValue Of(double number) => new(ContextValueKind.Number, null, number, false);

    public static ContextValue Of(bool value) => new(ContextValueKind.Boolean, null, 0, value);

    public static ContextValue Other { get; } = new(ContextValueKind.Other, null, 0, false);

    /// <summary>Same type and same value (strings ordinal, numbers exactly).</summary>
    public bool SameAs(in ContextValue other) =>
        Kind == other.Kind && Kind switch
        {
            ContextValueKind.String => string.Equals(Text, other.Text, StringComparison.Ordinal),
            ContextValueKind.Number => Number.Equals(other.Number),
            ContextValueKind.Boolean => Boolean == other.Boolean,
            _ => false,
        };

    public override string ToString() => Kind switch
    {
        ContextValueKind.String => Text ?? "",
        ContextValueKind.Number => Text ?? Number.ToString("R", CultureInfo.InvariantCulture),
        ContextValueKind.Boolean => Boolean ? "true" : "false",
        _ => "null",
    };
}
