namespace RolloutController.Api;

/// <summary>What reading a command's body gave: the request (null for an empty body), or the problem answering it.</summary>
internal sealed record CommandBody(CommandRequest? Request, IResult? Problem);
