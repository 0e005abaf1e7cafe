using RolloutController.Policies;

namespace RolloutController.UnitTests.Policies;

/// <summary>Rules for <c>spec.approvals</c> and <c>gate: manual</c>, each problem at its value.</summary>
public sealed class ApprovalRulesTests
{
    private const string Notify = "  notify: [oncall-payments]\n";
    private const string LastStage = "    - weight: 10\n      hold: 48h\n";

    private static string WithSpec(string lines) => PolicyYaml.With(Notify, Notify + lines);

    [Fact]
    public void Approvals_and_a_manual_gate_are_read()
    {
        var text = PolicyYaml.With(LastStage, LastStage + "    - { weight: 100, gate: manual }\n")
            .Replace(Notify, Notify + "  approvals: { before: [10, 100], required: 2, from: [release-manager, team-payments] }\n", StringComparison.Ordinal);

        var policy = PolicyYaml.Load(text).Policies.ShouldHaveSingleItem();

        policy.Governance.Approvals.ShouldNotBeNull();
        policy.Governance.Approvals.Before.ShouldBe([10m, 100m]);
        policy.Governance.Approvals.Required.ShouldBe(2);
        policy.Governance.Approvals.From.ShouldBe(["release-manager", "team-payments"]);
        policy.Stages[2].ManualGate.ShouldBeTrue();
        policy.Stages[2].Hold.ShouldBe(TimeSpan.Zero);
        policy.Stages[1].ManualGate.ShouldBeFalse();
    }

    [Fact]
    public void Required_defaults_to_one_and_from_to_anyone_allowed_to_approve()
    {
        var approvals = PolicyYaml.Load(WithSpec("  approvals: { before: [10] }\n")).Policies.ShouldHaveSingleItem().Governance.Approvals!;

        approvals.Required.ShouldBe(1);
        approvals.From.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("  approvals: { before: [50] }\n", "spec.approvals.before[0]", 26, 25, "not the weight of a stage, got 50; stages: 1, 10")]
    [InlineData("  approvals: { before: [1] }\n", "spec.approvals.before[0]", 26, 25,
        "the first stage starts without approval, got 1; name a later stage (or use startAt)")]
    [InlineData("  approvals: { before: [10], required: 0 }\n", "spec.approvals.required", 26, 40, "must be at least 1, got 0")]
    [InlineData("  approvals: { before: [] }\n", "spec.approvals.before", 26, 24, "must list at least one stage weight (omit approvals to need none)")]
    public void Bad_approvals_are_reported_at_their_value(string lines, string path, int line, int column, string message) =>
        PolicyYaml.SingleError(WithSpec(lines)).ShouldBe(new(PolicyYaml.File, line, column, path, message));

    [Fact]
    public void Roles_are_accepted_as_the_roles_table_writes_them_or_in_the_plural()
    {
        var approvals = PolicyYaml.Load(WithSpec("  approvals: { before: [10], from: [release-managers, admins, operator, team-payments] }\n"))
            .Policies.ShouldHaveSingleItem().Governance.Approvals!;

        approvals.From.ShouldBe(["release-manager", "admin", "operator", "team-payments"]);
        ApproverNames.Roles.ShouldBe(RolloutController.Api.ApiRoles.Ordered);
    }

    [Fact]
    public void A_name_that_is_neither_a_role_nor_a_team_owning_a_document_is_reported_where_it_is_written() =>
        PolicyYaml.SingleError(WithSpec("  approvals: { before: [10], from: [release-manger] }\n")).ShouldBe(new(PolicyYaml.File, 26, 37,
            "spec.approvals.from[0]",
            "neither a role nor a team owning a document here: 'release-manger'; roles: viewer, operator, release-manager, admin " +
            "(the plural is accepted too, e.g. release-managers); teams: team-payments"));

    [Fact]
    public void A_team_owning_a_document_in_another_file_of_the_set_may_approve()
    {
        var approving = WithSpec("  approvals: { before: [10], from: [team-security] }\n");
        var other = PolicyYaml.With(Notify, Notify).Replace("owner: team-payments", "owner: team-security", StringComparison.Ordinal)
            .Replace("new-checkout", "audit-log", StringComparison.Ordinal);

        var result = PolicyLoader.Load([new PolicySourceFile("a.yaml", approving), new PolicySourceFile("b.yaml", other)]);

        result.Files.SelectMany(f => f.Diagnostics).ShouldBeEmpty();
        PolicyLoader.Load([new PolicySourceFile("a.yaml", approving)]).Files.Single().Diagnostics.Single().Message.ShouldContain("'team-security'");
    }

    [Fact]
    public void A_gate_other_than_manual_is_reported_at_the_gate() =>
        PolicyYaml.SingleError(PolicyYaml.With(LastStage, LastStage + "    - { weight: 100, gate: auto }\n"))
            .ShouldBe(new(PolicyYaml.File, 19, 28, "spec.stages[2].gate", "'auto' is not a gate: the only gate is manual"));

    [Fact]
    public void A_stage_without_a_manual_gate_still_needs_its_hold() =>
        PolicyYaml.SingleError(PolicyYaml.With(LastStage, LastStage + "    - { weight: 100 }\n")).Message.ShouldContain("hold");
}
