using System.Text;
using static RolloutController.Dashboard.Html;

namespace RolloutController.Dashboard;

/// <summary>
/// Flags due for review: their <c>removal.reviewBy</c> has passed or comes within <see cref="ReviewDue.Horizon"/> days,
/// soonest first, with the rollout's state so the owner sees whether the flag can go. Pure.
/// </summary>
internal static class ReviewPage
{
    public static string Render(IReadOnlyList<FlagRow> rows, DateOnly today, DashboardViewer viewer)
    {
        var due = rows.Where(r => ReviewDue.IsDue(r.Review, today)).OrderBy(r => r.Review).ThenBy(r => r.Flag, StringComparer.Ordinal).ToList();
        var s = new StringBuilder("<div data-live id=\"review\">");
        s.Append($"<p>Flags whose review date has passed or comes within {ReviewDue.Horizon} days (today is {Date(today)}, UTC). " +
                 "Release and experiment flags declare it under <code>metadata.removal</code>.</p>");
        if (due.Count == 0) s.Append("<p>No flag is due for review.</p>");
        else
        {
            s.Append("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Flag</th><th scope=\"col\">Review by</th><th scope=\"col\">Owner</th>")
                .Append("<th scope=\"col\">Type</th><th scope=\"col\">Phase</th><th scope=\"col\">Weight</th></tr></thead><tbody>");
            foreach (var r in due)
                s.Append($"<tr><th scope=\"row\">{(r.Phase is null ? E(r.Flag) : RolloutLink(r.Flag))}</th><td>{FlagListPage.Review(r.Review!.Value, today)}</td>" +
                         $"<td>{E(r.Owner)}</td><td>{E(r.Type)}</td><td>{(r.Phase is null ? "no rollout" : Phase(r.Phase))}</td>" +
                         $"<td>{(r.Phase is null ? "" : Weight(r.Weight))}</td></tr>");
            s.Append("</tbody></table></div>");
        }
        s.Append("</div>");
        return DashboardLayout.Page("Due for review", viewer, s.ToString(), live: "*", returnPath: "/review");
    }
}
