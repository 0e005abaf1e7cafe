using System.Text.Json;

namespace RolloutController.Cli;

/// <summary>
/// What a refusal says, from the body of a controller's error answer: <c>title: detail</c> of its problem document, else
/// the body as it is. Shared with rolloutctl-fast (linked, like <see cref="ExitCodes"/>).
/// </summary>
internal static class ProblemText
{
    public static string Of(string body, string? reasonPhrase)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var title = doc.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = doc.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            return string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            return string.IsNullOrWhiteSpace(body) ? reasonPhrase ?? "" : body;
        }
    }
}
