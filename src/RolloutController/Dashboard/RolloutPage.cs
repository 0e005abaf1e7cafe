using System.Text;
using RolloutController.Api;
using RolloutController.Rollouts;
using static RolloutController.Dashboard.Html;

namespace RolloutController.Dashboard;

/// <summary>
/// One rollout: where it stands and why, its plan as a timeline, each guardrail's values against its bound, the verdict
/// of each round, excluded segments and the history with actors and reasons. Pure: model in, HTML out.
/// </summary>
internal static class RolloutPage
{
    /// <summary>Rounds listed: the latest 30.</summary>
    public const int RoundsShown = 30;

    /// <summary>The form field an include button sets to the segment it includes again (the action is then <c>include</c>).</summary>
    public const string IncludeField = "segment";

    /// <param name="message">A banner above the page: what became of an action just taken.</param>
    /// <param name="draft">The reason typed into the action form, kept when an action was refused.</param>
    public static string Render(RolloutPageModel model, DashboardViewer viewer, string? message = null, string? draft = null)
    {
        var d = model.Detail;
        var flag = d.Rollout.Flag;
        var body = new StringBuilder();
        if (message is not null) body.Append(message);
        body.Append("<div data-live id=\"rollout-state\">").Append(State(d)).Append("</div>");
        body.Append(Actions(model, viewer, draft));
        body.Append("<div data-live id=\"rollout-plan\">").Append(Plan(d)).Append("</div>");
        body.Append("<div data-live id=\"rollout-guardrails\">").Append(Guardrails(model)).Append("</div>");
        body.Append("<div data-live id=\"rollout-rounds\">").Append(Rounds(model)).Append("</div>");
        body.Append("<div data-live id=\"rollout-excluded\">").Append(Excluded(d)).Append("</div>");
        body.Append("<div data-live id=\"rollout-history\">").Append(History(d)).Append("</div>");
        return DashboardLayout.Page(flag, viewer, body.ToString(), live: flag, returnPath: $"/rollouts/{Uri.EscapeDataString(flag)}");
    }

    private static string State(RolloutDetail d)
    {
        var r = d.Rollout;
        var s = new StringBuilder("<section aria-labelledby=\"state-h\"><h2 id=\"state-h\">Now</h2><dl class=\"facts\">");
        Fact(s, "Phase", Phase(r.Phase) + (r.OverdueSeconds > 0 ? $" <span class=\"badge late\">rounds late by {Seconds(r.OverdueSeconds)}</span>" : ""));
        Fact(s, "Stage", r.Stage == 0 ? "not started" : $"{r.Stage} of {r.Stages}");
        Fact(s, "Weight served", Weight(r.Weight));
        if (r.HoldRemainingSeconds is { } hold) Fact(s, "Hold left", HoldCountdown.Html(hold, r.Phase == nameof(RolloutPhase.Observing)));
        if (r.PauseReason is { } why) Fact(s, "Paused because", E(why));
        if (d.Platform is { } p)
            Fact(s, "Flag platform", $"{E(p.Provider)} {E(p.Status)}: " +
                (p.ServedWeight is { } served ? $"serves {Weight(served)}" : "not read yet") + $"; {E(p.Detail)}" +
                (p.Answers.Count == 0 ? "" : "<ul class=\"small\">" + string.Concat(p.Answers.Select(a => $"<li>{E(a)}</li>")) + "</ul>"));
        if (d.ApprovalsRequired > 0)
            Fact(s, "Approvals", $"{d.Approvals.Count} of {d.ApprovalsRequired} given" +
                string.Concat(d.Approvals.Select(a => $"<br><span class=\"small\">{E(a.Actor)}: {E(a.Reason)}</span>")));
        Fact(s, "Owner", E(d.Owner));
        Fact(s, "Type", E(d.Type));
        Fact(s, "Policy", $"{E(r.Policy)} <span class=\"small\">({E(d.Source)})</span>");
        if (d.Reason.Length > 0) Fact(s, "Why", E(d.Reason));
        if (d.Runbook is { } runbook) Fact(s, "Runbook", $"<a href=\"{E(runbook)}\" rel=\"noopener noreferrer\">{E(runbook)}</a>");
        if (r.LastMeasuredAt is { } measured) Fact(s, "Last measured", At(measured));
        s.Append("</dl>");
        // A note means the page shows what is served but not (yet) what is stored, such as a rollback's history row;
        // storing it changes nothing served, so no push follows: data-recheck has the script look again until it is gone.
        if (d.Note is { } note) s.Append($"<p class=\"warning\" role=\"note\" data-recheck>{E(note)}</p>");
        if (d.Blocked.Count > 0)
            s.Append("<h3>What keeps it from advancing</h3><ul class=\"blocked\">").AppendJoin("", d.Blocked.Select(b => $"<li>{E(b)}</li>")).Append("</ul>");
        return s.Append("</section>").ToString();
    }

    private static string Actions(RolloutPageModel model, DashboardViewer viewer, string? draft)
    {
        var flag = model.Detail.Rollout.Flag;
        var s = new StringBuilder("<section aria-labelledby=\"actions-h\"><h2 id=\"actions-h\">Actions</h2>");
        if (!viewer.CanAct)
            return s.Append(viewer.Name is null
                ? "<p>Read-only. <a href=\"/login?returnUrl=" + E(Uri.EscapeDataString($"/rollouts/{flag}")) + "\">Sign in</a> with an operator token to pause, resume, promote or abort " +
                  "(a release manager's to approve or include a segment).</p>"
                : "<p>Read-only: your token holds no role that changes rollouts.</p>").Append("</section>").ToString();
        s.Append($"<form class=\"actions\" method=\"post\" action=\"/rollouts/{Uri.EscapeDataString(flag)}\">").Append(viewer.FormField)
            .Append("<label for=\"reason\">Reason (required; recorded in the history with your name)</label>")
            .Append($"<textarea id=\"reason\" name=\"reason\" required maxlength=\"{CommandRequest.MaxReasonLength}\" rows=\"2\" aria-describedby=\"reason-help\">{E(draft)}</textarea>")
            .Append("<p class=\"small\" id=\"reason-help\">Pause keeps the weight and keeps measuring; resume continues (or restarts at stage 1 after a rollback or abort; " +
                    "after a change made by hand on the flag's platform it writes the rollout's weight back); adopt keeps such a change and ramps on from it; " +
                    "promote ends the current hold; approve gives your approval to the stage waiting for it; include serves an excluded segment " +
                    "the ramp's share again; abort serves 0% to everyone at once.</p>")
            .Append("<div data-live id=\"rollout-actions\" class=\"buttons\">").Append(Buttons(model, viewer)).Append("</div></form>");
        return s.Append("</section>").ToString();
    }

    /// <summary>
    /// The actions that apply in this phase and that the signed-in token may take on this owner's flag: approve while the
    /// stage waits for approvals, and one include button per excluded segment (its value is the segment).
    /// </summary>
    private static string Buttons(RolloutPageModel model, DashboardViewer viewer)
    {
        var d = model.Detail;
        var permitted = d.Permitted;
        var owner = model.Policy.Metadata.Owner;
        var offered = new List<(string Field, string Value, string Label, ApiAction Needs, bool Applies)>
        {
            ("action", "pause", "Pause", ApiAction.Pause, permitted.Contains("pause")),
            ("action", "resume", "Resume", ApiAction.Resume, permitted.Contains("resume") || permitted.Contains("restart")),
            ("action", "adopt", "Adopt the change made by hand", ApiAction.Adopt, permitted.Contains("adopt")),
            ("action", "promote", "Promote", ApiAction.Promote, permitted.Contains("promote")),
            ("action", "approve", "Approve", ApiAction.Approve, permitted.Contains("approve") && d.Approvals.Count < d.ApprovalsRequired),
        };
        offered.AddRange(d.ExcludedSegments.Select(e => e.Segment).Distinct(StringComparer.Ordinal)
            .Select(segment => (IncludeField, segment, $"Include {segment}", ApiAction.Include, permitted.Contains("include"))));
        offered.Add(("action", "abort", "Abort", ApiAction.Abort, permitted.Contains("abort")));
        bool May(ApiAction needs) => viewer.Caller is { } caller && ApiPolicies.Decide(caller, needs, owner).Granted;
        var buttons = offered.Where(o => o.Applies && May(o.Needs))
            .Select(o => $"<button type=\"submit\" name=\"{o.Field}\" value=\"{E(o.Value)}\"{(o.Value == "abort" ? " class=\"danger\"" : "")}>{E(o.Label)}</button>")
            .ToList();
        var withheld = offered.Where(o => o.Applies && !May(o.Needs))
            .Select(o => $"{(o.Field == IncludeField ? "include" : o.Value)} (needs {ApiPolicies.RoleFor(o.Needs)} for {owner})").Distinct().ToList();
        var text = buttons.Count == 0 ? $"<p>No action applies to a rollout that is {E(d.Rollout.Phase)} with your token's roles.</p>" : string.Concat(buttons);
        return withheld.Count == 0 ? text : text + $"<p class=\"small\">Not offered to your token: {E(string.Join(", ", withheld))}.</p>";
    }

    private static void Fact(StringBuilder s, string term, string html) => s.Append($"<div><dt>{E(term)}</dt><dd>{html}</dd></div>");

    private static string Plan(RolloutDetail d)
    {
        var r = d.Rollout;
        var s = new StringBuilder("<section aria-labelledby=\"plan-h\"><h2 id=\"plan-h\">Plan</h2><ol class=\"timeline\">");
        var stopped = r.Phase is nameof(RolloutPhase.RolledBack) or nameof(RolloutPhase.Aborted);
        foreach (var stage in d.Plan)
        {
            var status = r.Phase == nameof(RolloutPhase.Completed) || stage.Stage < r.Stage ? "done"
                : stage.Stage == r.Stage ? (stopped ? "stopped" : "current")
                : "next";
            var reached = d.History.Where(t => t.ToStage == stage.Stage && t.FromStage != stage.Stage).MaxBy(t => t.At);
            var label = status switch
            {
                "done" => "done",
                "current" => r.Phase == nameof(RolloutPhase.Paused) ? "current, paused" : "current",
                "stopped" => $"stopped here ({r.Phase})",
                _ => "to come",
            };
            s.Append($"<li class=\"stage {status}\"{(status is "current" or "stopped" ? " aria-current=\"step\"" : "")}>")
                .Append($"<span class=\"stage-weight\">{Weight(stage.Weight)}</span>")
                .Append($"<span class=\"stage-hold\">hold {Seconds(stage.HoldSeconds)}</span>")
                .Append($"<span class=\"stage-status\">stage {stage.Stage}: {label}</span>");
            if (reached is not null) s.Append($"<span class=\"small\">reached {At(reached.At)}</span>");
            s.Append("</li>");
        }
        return s.Append("</ol></section>").ToString();
    }

    private static string Guardrails(RolloutPageModel model)
    {
        var s = new StringBuilder("<section aria-labelledby=\"guardrails-h\"><h2 id=\"guardrails-h\">Guardrails</h2>");
        var index = 0;
        foreach (var (spec, status) in model.Policy.Analysis.Guardrails.Zip(model.Detail.Guardrails))
        {
            var series = GuardrailSeries.Of(spec, model.Measurements);
            var id = $"chart-{index++}";
            s.Append($"<article class=\"guardrail\" aria-labelledby=\"{id}-h\"><h3 id=\"{id}-h\">{E(status.Name)}</h3>");
            s.Append($"<p class=\"small\">{E(status.Kind)}, {E(status.Threshold)}; fails after {status.FailureLimit} in a row");
            if (status.ConsecutiveFailures > 0) s.Append($"; <strong>{status.ConsecutiveFailures} failing in a row</strong>");
            if (status.Last is { } last) s.Append($"; last {Verdict(last.Verdict)} {E(last.Detail)}");
            s.Append("</p>");
            s.Append(GuardrailChart.Render(series, id));
            if (series.Points.Count > 0)
            {
                s.Append($"<details><summary>Values of {E(status.Name)}</summary><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">At</th>" +
                         "<th scope=\"col\">Segment</th><th scope=\"col\">Value</th><th scope=\"col\">Verdict</th></tr></thead><tbody>");
                foreach (var p in series.Points.AsEnumerable().Reverse().Take(RoundsShown))
                    s.Append($"<tr><td>{At(p.At)}</td><td>{E(p.Segment ?? "all")}</td><td>{E(Number(p.Value))}</td><td>{Verdict(p.Verdict)}</td></tr>");
                s.Append("</tbody></table></div></details>");
            }
            s.Append("</article>");
        }
        return s.Append("</section>").ToString();
    }

    private static string Rounds(RolloutPageModel model)
    {
        var rounds = RoundRow.Of(model.Measurements, RoundsShown);
        var s = new StringBuilder("<section aria-labelledby=\"rounds-h\"><h2 id=\"rounds-h\">Rounds</h2>");
        if (rounds.Count == 0) return s.Append("<p>No round measured yet.</p></section>").ToString();
        var columns = rounds.SelectMany(r => r.Verdicts.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        s.Append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"rounds-caption\"><table class=\"rounds\">")
            .Append($"<caption id=\"rounds-caption\">The latest {rounds.Count} rounds, newest first</caption><thead><tr>")
            .Append("<th scope=\"col\">At</th><th scope=\"col\">Stage</th><th scope=\"col\">Weight</th><th scope=\"col\">Round</th>")
            .AppendJoin("", columns.Select(c => $"<th scope=\"col\">{E(c)}</th>")).Append("</tr></thead><tbody>");
        foreach (var r in rounds)
            s.Append($"<tr><th scope=\"row\">{At(r.At)}</th><td>{r.Stage}</td><td>{Weight(r.Weight)}</td><td>{Verdict(r.Overall)}</td>")
                .AppendJoin("", columns.Select(c => $"<td>{(r.Verdicts.TryGetValue(c, out var v) ? Verdict(v) : "")}</td>")).Append("</tr>");
        return s.Append("</tbody></table></div></section>").ToString();
    }

    private static string Excluded(RolloutDetail d)
    {
        var s = new StringBuilder("<section aria-labelledby=\"excluded-h\"><h2 id=\"excluded-h\">Excluded segments</h2>");
        if (d.ExcludedSegments.Count == 0) return s.Append("<p>None: every segment is in the rollout.</p></section>").ToString();
        s.Append("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Segment</th><th scope=\"col\">Guardrail</th>")
            .Append("<th scope=\"col\">Stage</th><th scope=\"col\">Since</th><th scope=\"col\">Reason</th></tr></thead><tbody>");
        foreach (var e in d.ExcludedSegments)
            s.Append($"<tr><th scope=\"row\">{E(e.Segment)}</th><td>{E(e.Guardrail)}</td><td>{e.Stage}</td><td>{At(e.At)}</td><td>{E(e.Reason)}</td></tr>");
        return s.Append("</tbody></table></div></section>").ToString();
    }

    private static string History(RolloutDetail d)
    {
        var s = new StringBuilder("<section aria-labelledby=\"history-h\"><h2 id=\"history-h\">History</h2>");
        if (d.History.Count == 0) return s.Append("<p>No transition recorded yet.</p></section>").ToString();
        s.Append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"history-caption\"><table class=\"history\">")
            .Append("<caption id=\"history-caption\">Transitions, newest first</caption><thead><tr><th scope=\"col\">At</th>")
            .Append("<th scope=\"col\">Move</th><th scope=\"col\">Phase</th><th scope=\"col\">Weight</th><th scope=\"col\">By</th><th scope=\"col\">Reason</th></tr></thead><tbody>");
        foreach (var t in d.History.OrderByDescending(t => t.At))
            s.Append($"<tr><th scope=\"row\">{At(t.At)}</th><td>{E(t.Trigger)}</td><td>{E(t.From)} → {E(t.To)}</td>")
                .Append($"<td>{Weight(t.FromWeight)} → {Weight(t.ToWeight)}</td><td>{E(t.Actor)}</td><td>{E(t.Reason)}</td></tr>");
        return s.Append("</tbody></table></div></section>").ToString();
    }
}
