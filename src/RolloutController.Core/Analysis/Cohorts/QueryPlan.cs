namespace RolloutController.Analysis.Cohorts;

/// <summary>Which queries a template becomes: one per cohort when it uses <c>{{ variant }}</c>, otherwise one.</summary>
internal static class QueryPlan
{
    /// <param name="template">A validated template.</param>
    /// <param name="comparesCohorts">False for threshold queries: their one query is the flag-on traffic.</param>
    /// <param name="variables">Values of <c>flag</c> and <c>window</c>; <c>variant</c> is added here.</param>
    public static IReadOnlyList<CohortQuery> For(string template, bool comparesCohorts, IReadOnlyDictionary<string, string> variables)
    {
        if (QueryTemplate.Uses(template, QueryTemplate.Variant))
            return Cohort.Both
                .Select(c => new CohortQuery(QueryTemplate.Render(template, With(variables, c)), c))
                .ToList();
        var query = QueryTemplate.Render(template, variables);
        return [new CohortQuery(query, comparesCohorts ? null : Cohort.On)];
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> variables, string cohort) =>
        new(variables, StringComparer.Ordinal) { [QueryTemplate.Variant] = cohort };
}
