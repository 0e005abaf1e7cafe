using System.Text;
using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.Dashboard.Html;

namespace RolloutController.Dashboard;

/// <summary>The dashboard's front page: every rollout and flag, filtered. Pure: rows and filter in, HTML out.</summary>
internal static class FlagListPage
{
    /// <summary>Lines shown at most; more are counted and the filters narrow them. 1,000.</summary>
    public const int MaxRows = 1000;

    public static string Render(IReadOnlyList<FlagRow> all, FlagFilter filter, IReadOnlyList<string> errors, DateOnly today, DashboardViewer viewer)
    {
        var rows = all.Where(r => filter.Matches(r, today)).ToList();
        var body = new StringBuilder();
        if (errors.Count > 0)
            body.Append("<div class=\"error\" role=\"alert\"><p>Some filters were not understood and are not applied:</p><ul>")
                .AppendJoin("", errors.Select(e => $"<li>{E(e)}</li>")).Append("</ul></div>");
        body.Append(Filters(all, filter));
        body.Append("<div data-live id=\"flag-list\">");
        body.Append($"<p class=\"count\">{rows.Count} of {all.Count} flags shown{(rows.Count > MaxRows ? $"; the first {MaxRows} are listed: narrow the filters" : "")}.</p>");
        if (rows.Count == 0)
            body.Append("<p>No flag matches these filters.</p>");
        else
        {
            body.Append("""
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="flags-caption">
                <table class="flags">
                <caption id="flags-caption">Rollouts and flags</caption>
                <thead><tr><th scope="col">Flag</th><th scope="col">Phase</th><th scope="col">Stage</th><th scope="col">Weight</th>
                <th scope="col">Hold left</th><th scope="col">Owner</th><th scope="col">Type</th><th scope="col">Review by</th></tr></thead>
                <tbody>
                """);
            foreach (var row in rows.Take(MaxRows)) body.Append(Row(row, today));
            body.Append("</tbody></table></div>");
        }
        body.Append("</div>");
        return DashboardLayout.Page("Rollouts and flags", viewer, body.ToString(), live: "*", returnPath: "/");
    }

    private static string Row(FlagRow r, DateOnly today)
    {
        var flag = r.Phase is null ? E(r.Flag) : RolloutLink(r.Flag);
        var phase = r.Phase is null ? "<span class=\"muted\">no rollout</span>" : Phase(r.Phase)
            + (r.Late ? " <span class=\"badge late\">late</span>" : "")
            + (r.PauseReason is { } why ? $"<div class=\"small\">{E(why)}</div>" : "");
        var stage = r.Phase is null ? "" : r.Stage == 0 ? "not started" : $"{r.Stage} of {r.Stages}";
        var weight = r.Phase is null ? "" : Weight(r.Weight);
        var hold = r.HoldLeftSeconds is { } s ? HoldCountdown.Html(s, r.Phase == nameof(RolloutPhase.Observing)) : "";
        var review = r.Review is { } d ? Review(d, today) : "";
        return $"<tr><th scope=\"row\">{flag}</th><td>{phase}</td><td>{stage}</td><td>{weight}</td><td>{hold}</td>" +
               $"<td>{E(r.Owner)}</td><td>{E(r.Type)}</td><td>{review}</td></tr>\n";
    }

    public static string Review(DateOnly date, DateOnly today) => ReviewDue.Of(date, today) switch
    {
        ReviewState.Overdue => $"{Date(date)} <span class=\"badge overdue\">overdue</span>",
        ReviewState.DueSoon => $"{Date(date)} <span class=\"badge due\">due soon</span>",
        _ => Date(date),
    };

    private static string Filters(IReadOnlyList<FlagRow> all, FlagFilter f)
    {
        var owners = all.Select(r => r.Owner).Where(o => o.Length > 0).Distinct().Order(StringComparer.Ordinal);
        var phases = Enum.GetNames<RolloutPhase>().Append(FlagFilter.NoRollout);
        var types = Enum.GetValues<FlagType>().Select(FlagRows.Type);
        return $"""
            <form class="filters" method="get" action="/" role="search" aria-label="Filter flags">
            <div><label for="f-q">Flag</label><input id="f-q" name="q" type="search" value="{E(f.Text)}" autocomplete="off"></div>
            <div><label for="f-owner">Owner</label>{Select("f-owner", "owner", owners, f.Owner)}</div>
            <div><label for="f-phase">Phase</label>{Select("f-phase", "phase", phases, f.Phase)}</div>
            <div><label for="f-type">Type</label>{Select("f-type", "type", types, f.Type)}</div>
            <div class="check"><input id="f-due" name="due" type="checkbox" value="true"{(f.DueOnly ? " checked" : "")}><label for="f-due">Due for review</label></div>
            <div><button type="submit">Filter</button> <a href="/">Clear</a></div>
            </form>
            """;
    }

    private static string Select(string id, string name, IEnumerable<string> values, string? selected) =>
        $"<select id=\"{id}\" name=\"{name}\"><option value=\"\">any</option>" +
        string.Concat(values.Select(v => $"<option{(v == selected ? " selected" : "")}>{E(v)}</option>")) + "</select>";
}
