namespace RolloutController.Api;

internal sealed record PolicyView(string Name, string Flag, string Type, string Owner, string Source, string Revision);
