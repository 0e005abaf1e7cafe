namespace RolloutController.Analysis.Batching;

/// <summary>The verdict on one query: a <see cref="BatchTemplate"/> when it batches, otherwise the reason it does not.</summary>
internal sealed record BatchAnalysis(BatchAnalysisKind Kind, BatchTemplate? Template, string? Reason)
{
    public static BatchAnalysis Batchable(BatchTemplate template) => new(BatchAnalysisKind.Batchable, template, null);

    public static BatchAnalysis FlagIndependent() =>
        new(BatchAnalysisKind.FlagIndependent, null, "the query does not use {{ flag }}: one query serves every flag");

    public static BatchAnalysis NotBatchable(string reason) => new(BatchAnalysisKind.NotBatchable, null, reason);
}
