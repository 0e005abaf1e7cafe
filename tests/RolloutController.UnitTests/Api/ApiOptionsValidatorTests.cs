using System.Text;
using Microsoft.Extensions.Configuration;
using RolloutController.Api;

namespace RolloutController.UnitTests.Api;

/// <summary>The API's configuration fails closed: anything that could widen a token's access is a start-up error.</summary>
public sealed class ApiOptionsValidatorTests
{
    private const string Good = "0123456789abcdef-good";

    private static IReadOnlyList<string> Failures(string apiJson)
    {
        var json = "{\"RolloutController\":{\"Api\":" + apiJson + "}}";
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var options = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        var result = new ApiOptionsValidator(configuration).Validate(null, options);
        return result.Failed ? result.Failures!.ToList() : [];
    }

    [Fact]
    public void A_well_formed_configuration_passes() =>
        Failures($$"""{"RequireTokenForReads":true,"Tokens":[{"Name":"alice","Token":"{{Good}}","Roles":["operator","viewer"]}]}""").ShouldBeEmpty();

    [Fact]
    public void A_misspelt_roles_key_is_an_error_naming_the_key_and_the_known_ones() =>
        Failures($$"""{"Tokens":[{"Name":"alice","Token":"{{Good}}","Role":["viewer"]}]}""")
            .ShouldBe(["RolloutController:Api:Tokens:0:Role is not a known key; use one of: Name, Token, Roles, Teams"]);

    [Fact]
    public void Roles_given_as_a_string_is_an_error_with_the_value() =>
        Failures($$"""{"Tokens":[{"Name":"alice","Token":"{{Good}}","Roles":"viewer"}]}""")
            .ShouldBe(["RolloutController:Api:Tokens:0:Roles must be a list such as [\"viewer\"] (was the single value 'viewer')"]);

    [Fact]
    public void Roles_given_as_an_object_is_an_error() =>
        Failures($$$"""{"Tokens":[{"Name":"alice","Token":"{{{Good}}}","Roles":{"main":"viewer"}}]}""")
            .ShouldBe(["RolloutController:Api:Tokens:0:Roles must be a list such as [\"viewer\"] (was an object with key 'main')"]);

    [Fact]
    public void Tokens_given_as_an_object_is_an_error() =>
        Failures("{\"Tokens\":{\"alice\":{\"Name\":\"alice\",\"Token\":\"" + Good + "\",\"Roles\":[\"viewer\"]}}}")
            .ShouldContain("RolloutController:Api:Tokens must be a list of {Name, Token, Roles, Teams} (was an object with key 'alice')");

    [Fact]
    public void A_token_given_as_a_plain_string_is_an_error_that_does_not_repeat_it() =>
        Failures($$"""{"Tokens":["{{Good}}"]}""")
            .ShouldBe(["RolloutController:Api:Tokens:0 must be an object {Name, Token, Roles, Teams} (was a single value)"]);

    [Fact]
    public void An_unknown_key_beside_the_tokens_is_an_error() =>
        Failures("""{"RequireTokensForReads":true}""")
            .ShouldBe(["RolloutController:Api:RequireTokensForReads is not a known key; use one of: Tokens, RequireTokenForReads, Oidc"]);

    [Theory]
    [InlineData(" 0123456789abcdef-good")]
    [InlineData("0123456789abcdef-good\t")]
    public void A_token_with_surrounding_whitespace_is_an_error_that_does_not_repeat_it(string token)
    {
        var failures = Failures("{\"Tokens\":[{\"Name\":\"alice\",\"Token\":\"" + token.Replace("\t", "\\t") + "\",\"Roles\":[\"operator\"]}]}");

        failures.ShouldBe(["RolloutController:Api:Tokens:0:Token has leading or trailing whitespace; remove it (a presented token is trimmed, so this one could never match)"]);
        failures.ShouldAllBe(f => !f.Contains(Good));
    }

    [Fact]
    public void Unknown_roles_are_errors() =>
        Failures($$"""{"Tokens":[{"Name":"alice","Token":"{{Good}}","Roles":["superuser"]}]}""")
            .ShouldBe(["RolloutController:Api:Tokens:0:Roles has unknown role 'superuser'; allowed: viewer, operator, release-manager, admin"]);

    [Fact]
    public void Every_problem_of_every_token_is_listed_together()
    {
        var failures = Failures("""
            {"Tokens":[
              {"Name":"alice","Token":"short","Role":["operator"]},
              {"Name":"","Token":" 0123456789abcdef-bob ","Roles":"operator","Secret":"x"}
            ]}
            """);

        failures.ShouldBe([
            "RolloutController:Api:Tokens:0:Role is not a known key; use one of: Name, Token, Roles, Teams",
            "RolloutController:Api:Tokens:1:Roles must be a list such as [\"operator\"] (was the single value 'operator')",
            "RolloutController:Api:Tokens:1:Secret is not a known key; use one of: Name, Token, Roles, Teams",
            "RolloutController:Api:Tokens:0:Token must be at least 16 characters, got 5",
            "RolloutController:Api:Tokens:1:Name is required (it is recorded as the actor of changes)",
            "RolloutController:Api:Tokens:1:Token has leading or trailing whitespace; remove it (a presented token is trimmed, so this one could never match)",
        ], ignoreOrder: true);
    }

    [Fact]
    public void A_token_without_roles_is_valid_but_may_do_nothing_that_needs_a_role()
    {
        Failures($$"""{"Tokens":[{"Name":"alice","Token":"{{Good}}"}]}""").ShouldBeEmpty();
        Failures($$"""{"Tokens":[{"Name":"alice","Token":"{{Good}}","Roles":[]}]}""").ShouldBeEmpty();

        new ApiToken { Name = "alice", Token = Good }.Grants.ShouldBeEmpty();
    }

    [Fact]
    public void Teams_limit_every_role_of_a_token_to_those_owners()
    {
        Failures($$"""{"Tokens":[{"Name":"alice","Token":"{{Good}}","Roles":["operator"],"Teams":["team-payments"]}]}""").ShouldBeEmpty();

        new ApiToken { Roles = ["operator", "viewer"], Teams = ["team-payments", "team-search"] }.Grants.ShouldBe([
            new ApiGrant("operator", "team-payments"), new ApiGrant("operator", "team-search"),
            new ApiGrant("viewer", "team-payments"), new ApiGrant("viewer", "team-search")]);
        new ApiToken { Roles = ["admin"] }.Grants.ShouldBe([new ApiGrant("admin", null)]);
    }

    [Fact]
    public void Teams_given_as_a_string_or_padded_are_errors() =>
        Failures($$"""{"Tokens":[{"Name":"a","Token":"{{Good}}","Roles":["operator"],"Teams":"team-payments"},{"Name":"b","Token":"{{Good}}x","Roles":["operator"],"Teams":[" team-x"]}]}""")
            .ShouldBe([
                "RolloutController:Api:Tokens:0:Teams must be a list of owners such as [\"team-payments\"] (was the single value 'team-payments')",
                "RolloutController:Api:Tokens:1:Teams:0 must be an owner name such as team-payments, without surrounding whitespace (was ' team-x')",
            ], ignoreOrder: true);

    [Fact]
    public void Every_problem_of_the_oidc_section_is_listed_with_its_key()
    {
        var failures = Failures("""
            {"Oidc":{"Issuer":"not a url","ClockSkew":"00:10:00","Scopes":"x",
              "RoleMappings":[{"Claim":"groups","Value":"","Role":"root","Teem":"x"}]}}
            """);

        failures.ShouldBe([
            "RolloutController:Api:Oidc:Scopes is not a known key; use one of: Issuer, Audience, SigningKeysFile, NameClaim, ClockSkew, RoleMappings",
            "RolloutController:Api:Oidc:RoleMappings:0:Teem is not a known key; use one of: Claim, Value, Role, Team",
            "RolloutController:Api:Oidc:Issuer must be an absolute URL, was 'not a url'",
            "RolloutController:Api:Oidc:Audience is required with Issuer (the controller's client id at the provider)",
            "RolloutController:Api:Oidc:SigningKeysFile is required with Issuer (a JSON Web Key Set file, the provider's jwks_uri document)",
            "RolloutController:Api:Oidc:ClockSkew must be from 00:00:00 to 00:05:00, was 00:10:00",
            "RolloutController:Api:Oidc:RoleMappings:0:Value is required (the claim value that grants the role)",
            "RolloutController:Api:Oidc:RoleMappings:0:Role must be one of viewer, operator, release-manager, admin, was 'root'",
        ], ignoreOrder: true);
    }

    [Fact]
    public void An_oidc_key_file_that_is_not_a_key_set_is_an_error_naming_it()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"keys\": []}");
            Failures("{\"Oidc\":{\"Issuer\":\"https://login.example.test\",\"Audience\":\"rc\",\"SigningKeysFile\":\"" + path + "\"}}")
                .ShouldBe([$"RolloutController:Api:Oidc:SigningKeysFile '{path}' holds no usable signing key (expected {{\"keys\": [ {{\"kty\": \"RSA\", \"n\": ..., \"e\": ...}} ]}})"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Oidc_keys_without_an_issuer_are_an_error() =>
        Failures("""{"Oidc":{"Audience":"rc"}}""")
            .ShouldBe(["RolloutController:Api:Oidc:Issuer is required when any other Oidc key is set (it turns OpenID Connect tokens on)"]);
}
