namespace RolloutController.Analysis;

/// <summary>The result of <see cref="PromQlGrouping.Fate"/>; <see cref="DroppedBy"/> is the first aggregation dropping the label.</summary>
internal sealed record LabelFate(LabelKept Kept, Aggregation? DroppedBy);
