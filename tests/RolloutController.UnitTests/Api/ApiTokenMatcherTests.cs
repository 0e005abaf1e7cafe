using RolloutController.Api;

namespace RolloutController.UnitTests.Api;

public sealed class ApiTokenMatcherTests
{
    private static readonly ApiToken[] Tokens =
    [
        new() { Name = "alice", Token = "alice-token-0123456789", Roles = ["operator"] },
        new() { Name = "bob", Token = "bob-token-0123456789", Roles = ["viewer"] },
    ];

    [Theory]
    [InlineData("Bearer alice-token-0123456789", "alice-token-0123456789")]
    [InlineData("bearer   alice-token-0123456789  ", "alice-token-0123456789")]
    [InlineData("Basic alice-token-0123456789", null)]
    [InlineData("alice-token-0123456789", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Only_a_bearer_header_presents_a_token(string? header, string? presented) =>
        ApiTokenMatcher.Presented(header).ShouldBe(presented);

    [Fact]
    public void The_presented_token_finds_its_configured_token_and_nothing_else_does()
    {
        ApiTokenMatcher.Match(Tokens, "bob-token-0123456789")!.Name.ShouldBe("bob");
        ApiTokenMatcher.Match(Tokens, "bob-token-012345678").ShouldBeNull();
        ApiTokenMatcher.Match(Tokens, "BOB-TOKEN-0123456789").ShouldBeNull();
        ApiTokenMatcher.Match([], "bob-token-0123456789").ShouldBeNull();
    }

    [Fact]
    public void Operator_implies_viewer_and_unknown_roles_grant_nothing()
    {
        ApiRoles.Implied(Tokens[0].Grants.ShouldHaveSingleItem().Role).ShouldBe([ApiRoles.Viewer, ApiRoles.Operator]);
        ApiRoles.Implied(Tokens[1].Grants.ShouldHaveSingleItem().Role).ShouldBe([ApiRoles.Viewer]);
        new ApiToken { Roles = ["superuser"] }.Grants.ShouldBeEmpty();
    }
}
