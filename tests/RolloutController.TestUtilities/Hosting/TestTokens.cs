namespace RolloutController.TestUtilities.Hosting;

/// <summary>The API tokens a <see cref="RunningController"/> accepts unless its setup says otherwise.</summary>
public static class TestTokens
{
    /// <summary>Name recorded as the actor of changes made with <see cref="Operator"/>.</summary>
    public const string OperatorName = "release-manager";

    /// <summary>Token with the <c>release-manager</c> role for every owner (which includes operator and viewer): every rollout command.</summary>
    public const string Operator = "operator-token-0123456789";

    public const string ViewerName = "dashboard";

    /// <summary>Token with only the <c>viewer</c> role.</summary>
    public const string Viewer = "viewer-token-0123456789";

    public const string OnCallName = "on-call";

    /// <summary>Token with only the <c>operator</c> role for every owner: pause, resume, abort, never promote.</summary>
    public const string OnCall = "on-call-token-0123456789";

    public const string AdminName = "admin";

    /// <summary>Token with the <c>admin</c> role for every owner.</summary>
    public const string Admin = "admin-token-0123456789";

    /// <summary>Configuration entries declaring the tokens under <c>RolloutController:Api:Tokens</c>.</summary>
    public static IReadOnlyDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>
    {
        ["RolloutController:Api:Tokens:0:Name"] = OperatorName,
        ["RolloutController:Api:Tokens:0:Token"] = Operator,
        ["RolloutController:Api:Tokens:0:Roles:0"] = "release-manager",
        ["RolloutController:Api:Tokens:1:Name"] = ViewerName,
        ["RolloutController:Api:Tokens:1:Token"] = Viewer,
        ["RolloutController:Api:Tokens:1:Roles:0"] = "viewer",
        ["RolloutController:Api:Tokens:2:Name"] = OnCallName,
        ["RolloutController:Api:Tokens:2:Token"] = OnCall,
        ["RolloutController:Api:Tokens:2:Roles:0"] = "operator",
        ["RolloutController:Api:Tokens:3:Name"] = AdminName,
        ["RolloutController:Api:Tokens:3:Token"] = Admin,
        ["RolloutController:Api:Tokens:3:Roles:0"] = "admin",
    };
}
