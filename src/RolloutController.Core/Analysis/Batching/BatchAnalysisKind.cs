namespace RolloutController.Analysis.Batching;

/// <summary>What <see cref="BatchTemplate.Analyze"/> found a query to be.</summary>
internal enum BatchAnalysisKind
{
    /// <summary>One batched query per group of flags measures each flag exactly as its own query would.</summary>
    Batchable,

    /// <summary>The query does not use <c>{{ flag }}</c>: one query, unchanged, serves every flag.</summary>
    FlagIndependent,

    /// <summary>Each flag needs its own query; <see cref="BatchAnalysis.Reason"/> says why.</summary>
    NotBatchable,
}
