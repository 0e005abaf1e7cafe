using System.Text;
using RolloutController.Api;
using static RolloutController.Dashboard.Html;

namespace RolloutController.Dashboard;

/// <summary>The policies in force, and every validation error keeping a newer version of a file out. Pure.</summary>
internal static class PoliciesPage
{
    public static string Render(PolicyStatus status, DashboardViewer viewer)
    {
        var s = new StringBuilder("<div data-live id=\"policies\">");
        s.Append("<section aria-labelledby=\"errors-h\"><h2 id=\"errors-h\">Validation errors</h2>");
        if (status.Errors.Count == 0) s.Append("<p>None: every policy file is valid and in force.</p>");
        else
        {
            s.Append($"<p class=\"error\" role=\"alert\">{status.Errors.Count} error{(status.Errors.Count == 1 ? "" : "s")}: " +
                     "the files named keep their previous valid version in force until they are fixed.</p>");
            s.Append("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Where</th><th scope=\"col\">Field</th><th scope=\"col\">Problem</th></tr></thead><tbody>");
            foreach (var e in status.Errors)
                s.Append($"<tr><th scope=\"row\"><code>{E(e.File)}:{e.Line}:{e.Column}</code></th><td><code>{E(e.Path)}</code></td><td>{E(e.Message)}</td></tr>");
            s.Append("</tbody></table></div>");
        }
        s.Append("</section><section aria-labelledby=\"inforce-h\"><h2 id=\"inforce-h\">In force</h2>");
        if (status.LoadedAt is { } loaded) s.Append($"<p class=\"small\">Loaded {At(loaded)}.</p>");
        if (status.Policies.Count == 0) s.Append("<p>No policy is in force.</p>");
        else
        {
            s.Append("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Flag</th><th scope=\"col\">Policy</th><th scope=\"col\">Owner</th>")
                .Append("<th scope=\"col\">Type</th><th scope=\"col\">File</th><th scope=\"col\">Revision</th></tr></thead><tbody>");
            foreach (var p in status.Policies)
                s.Append($"<tr><th scope=\"row\">{RolloutLink(p.Flag)}</th><td>{E(p.Name)}</td><td>{E(p.Owner)}</td><td>{E(p.Type)}</td>" +
                         $"<td><code>{E(p.Source)}</code></td><td><code>{E(p.Revision.Length > 12 ? p.Revision[..12] : p.Revision)}</code></td></tr>");
            s.Append("</tbody></table></div>");
        }
        s.Append("</section></div>");
        return DashboardLayout.Page("Policies", viewer, s.ToString(), live: "*", returnPath: "/policies");
    }
}
