using System.Security.Claims;
using RolloutController.Api;
using RolloutController.Api.Oidc;

namespace RolloutController.UnitTests.Api;

/// <summary>Who may call what: each role includes the ones before it, and a team's grant covers only that owner's flags.</summary>
public sealed class ApiPoliciesTests
{
    private static ApiCaller Caller(params ApiGrant[] grants) => new("alice", grants);

    [Theory]
    [InlineData(nameof(ApiAction.Read), "viewer")]
    [InlineData(nameof(ApiAction.Pause), "operator")]
    [InlineData(nameof(ApiAction.Resume), "operator")]
    [InlineData(nameof(ApiAction.Abort), "operator")]
    [InlineData(nameof(ApiAction.KillSwitch), "operator")]
    [InlineData(nameof(ApiAction.Promote), "release-manager")]
    [InlineData(nameof(ApiAction.Approve), "release-manager")]
    [InlineData(nameof(ApiAction.Include), "release-manager")]
    [InlineData(nameof(ApiAction.OverrideFreeze), "release-manager")]
    [InlineData(nameof(ApiAction.Adopt), "release-manager")]
    [InlineData(nameof(ApiAction.Exclude), "release-manager")]
    [InlineData(nameof(ApiAction.StartScheduled), "release-manager")]
    [InlineData(nameof(ApiAction.ReviewDecide), "release-manager")]
    [InlineData(nameof(ApiAction.AuditRead), "admin")]
    [InlineData(nameof(ApiAction.Configure), "admin")]
    public void Each_action_needs_its_role_and_every_role_above_it_may_take_it(string name, string role)
    {
        var action = Enum.Parse<ApiAction>(name);
        ApiPolicies.RoleFor(action).ShouldBe(role);
        foreach (var held in ApiRoles.Ordered)
            ApiPolicies.Decide(Caller(new ApiGrant(held, null)), action, "team-payments").Granted
                .ShouldBe(ApiRoles.Rank(held) >= ApiRoles.Rank(role), $"{held} → {action}");
    }

    [Fact]
    public void Every_action_has_a_role() =>
        Enum.GetValues<ApiAction>().ShouldAllBe(a => ApiRoles.All.Contains(ApiPolicies.RoleFor(a)));

    [Fact]
    public void A_team_grant_covers_that_owners_flags_only_and_no_controller_wide_action()
    {
        var payments = Caller(new ApiGrant("operator", "team-payments"));

        ApiPolicies.Decide(payments, ApiAction.Pause, "team-payments").Grant.ShouldBe(new ApiGrant("operator", "team-payments"));
        var other = ApiPolicies.Decide(payments, ApiAction.Pause, "team-search");
        (other.Granted, other.NeededRole, other.NeededScope).ShouldBe((false, "operator", "team-search"));
        var wide = ApiPolicies.Decide(payments, ApiAction.RetryNotices, owner: null);
        (wide.Granted, wide.NeededScope).ShouldBe((false, AccessDecision.EveryOwner));
    }

    [Fact]
    public void The_highest_covering_grant_is_the_one_acted_under()
    {
        var caller = Caller(new ApiGrant("operator", null), new ApiGrant("release-manager", "team-payments"));

        ApiPolicies.Decide(caller, ApiAction.Pause, "team-payments").Grant.ShouldBe(new ApiGrant("release-manager", "team-payments"));
        ApiPolicies.Decide(caller, ApiAction.Pause, "team-search").Grant.ShouldBe(new ApiGrant("operator", null));
        ApiPolicies.Decide(caller, ApiAction.Promote, "team-search").Granted.ShouldBeFalse();
    }

    [Fact]
    public void Action_names_are_kebab_case() =>
        (ApiPolicies.Name(ApiAction.KillSwitch), ApiPolicies.Name(ApiAction.Pause)).ShouldBe(("kill-switch", "pause"));

    [Fact]
    public void A_principal_carries_its_grants_and_every_role_they_imply()
    {
        var principal = ApiCaller.Principal("alice", [new ApiGrant("release-manager", "team-payments")], "test");

        ApiCaller.From(principal).ShouldBe(new ApiCaller("alice", [new ApiGrant("release-manager", "team-payments")]), new CallerComparer());
        principal.IsInRole("operator").ShouldBeTrue();
        principal.IsInRole("viewer").ShouldBeTrue();
        principal.IsInRole("admin").ShouldBeFalse();
    }

    [Fact]
    public void Oidc_mappings_grant_a_role_per_matching_claim_value()
    {
        List<OidcRoleMapping> mappings =
        [
            new() { Claim = "groups", Value = "payments-oncall", Role = "operator", Team = "team-payments" },
            new() { Claim = "groups", Value = "admins", Role = "admin" },
            new() { Claim = "roles", Value = "payments-oncall", Role = "release-manager" },
        ];
        Claim[] claims = [new("groups", "payments-oncall"), new("groups", "other"), new("roles", "x")];

        OidcGrants.Of(claims, mappings).ShouldBe([new ApiGrant("operator", "team-payments")]);
        OidcGrants.Of([], mappings).ShouldBeEmpty();
    }

    [Fact]
    public void A_token_is_valid_between_nbf_and_exp_within_the_skew_and_never_without_exp()
    {
        var now = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
        var skew = TimeSpan.FromMinutes(1);

        TokenLifetime.Valid(now.AddHours(-1).UtcDateTime, now.AddHours(1).UtcDateTime, now, skew).ShouldBeTrue();
        TokenLifetime.Valid(null, now.AddSeconds(-59).UtcDateTime, now, skew).ShouldBeTrue();
        TokenLifetime.Valid(null, now.AddSeconds(-60).UtcDateTime, now, skew).ShouldBeFalse();
        TokenLifetime.Valid(now.AddSeconds(61).UtcDateTime, now.AddHours(1).UtcDateTime, now, skew).ShouldBeFalse();
        TokenLifetime.Valid(null, null, now, skew).ShouldBeFalse();
    }

    private sealed class CallerComparer : IEqualityComparer<ApiCaller>
    {
        public bool Equals(ApiCaller? x, ApiCaller? y) => x!.Name == y!.Name && x.Grants.SequenceEqual(y.Grants);

        public int GetHashCode(ApiCaller obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
