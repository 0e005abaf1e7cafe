using RolloutController.Analysis;

namespace RolloutController.Rollouts;

/// <summary>Something on-call or the owner must hear about, with the evidence that caused it.</summary>
/// <param name="Summary">One line: what happened.</param>
/// <param name="Action">What the controller did.</param>
/// <param name="NextStep">How a person continues from here.</param>
/// <param name="Breaches">The measurements that caused it (empty for info notices).</param>
/// <param name="Measurements">The latest measurement of every guardrail.</param>
internal sealed record RolloutNotice(
    NoticeKind Kind,
    NoticeSeverity Severity,
    string FlagKey,
    string Summary,
    string Action,
    string NextStep,
    Transition Transition,
    IReadOnlyList<BreachEvidence> Breaches,
    IReadOnlyList<Measurement> Measurements);
