namespace RolloutController.Api;

/// <summary>One validation error; <see cref="Text"/> is the <c>file:line:column: error: path: message</c> form.</summary>
internal sealed record PolicyErrorView(string File, int Line, int Column, string Path, string Message, string Text);
