using System.Text.Json;

namespace RolloutController.Flags;

/// <summary>One named value a flag can serve, e.g. <c>on: true</c> or <c>treatment: { color: blue }</c>.</summary>
/// <param name="Value">The value as JSON (a detached element: it outlives any document).</param>
internal sealed record FlagVariant(string Name, VariantKind Kind, JsonElement Value);
