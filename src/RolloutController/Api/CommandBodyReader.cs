using System.Text.Json;

namespace RolloutController.Api;

/// <summary>
/// Reads a command's JSON body, at most <see cref="MaxBytes"/> of it: a larger body is refused with 413 without being
/// read further, so a client cannot make the controller buffer megabytes to record a reason of at most
/// <see cref="CommandRequest.MaxReasonLength"/> characters. Failures come back as problems, never exceptions.
/// </summary>
internal static class CommandBodyReader
{
    /// <summary>16 KiB: room for the longest reason however it is encoded (a code point escaped as two \uXXXX is 12 bytes).</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>
    /// The reason a change is made, read from the body: required, at most <see cref="CommandRequest.MaxReasonLength"/>
    /// characters. Every API call that changes something asks here.
    /// </summary>
    public static async Task<(string Reason, IResult? Problem)> ReadReasonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (_, reason, problem) = await ReadCommandAsync(request, cancellationToken);
        return (reason, problem);
    }

    /// <summary>The whole body of a command (its other fields, e.g. <c>segment</c>) with its checked reason, or the problem answering it.</summary>
    public static async Task<(CommandRequest? Request, string Reason, IResult? Problem)> ReadCommandAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken);
        var (reason, problem) = Reason(body);
        return (body.Request, reason, problem);
    }

    private static (string Reason, IResult? Problem) Reason(CommandBody body)
    {
        if (body.Problem is not null) return ("", body.Problem);
        var (reason, why, length) = CommandRequest.CheckReason(body.Request?.Reason);
        if (why == ReasonProblem.Missing)
            return ("", ApiProblem.Create(400, "reason required", "send {\"reason\": \"...\"}: every change is recorded with who made it and why"));
        if (why == ReasonProblem.TooLong)
            return ("", ApiProblem.Create(400, "reason too long",
                $"the reason has {length} characters; at most {CommandRequest.MaxReasonLength} are recorded: shorten it, or link to where the rest is written"));
        return (reason, null);
    }

    public static async Task<CommandBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return TooLarge();
        var bytes = await ReadAtMostAsync(request.Body, MaxBytes + 1, cancellationToken);
        if (bytes.Length > MaxBytes) return TooLarge();
        if (bytes.Length == 0) return new(null, null);
        if (!request.HasJsonContentType())
            return new(null, ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported media type",
                "send the body as Content-Type: application/json, e.g. {\"reason\": \"...\"}"));
        try
        {
            return new(JsonSerializer.Deserialize<CommandRequest>(bytes, ApiJson.Options), null);
        }
        catch (JsonException e)
        {
            return new(null, ApiProblem.Create(StatusCodes.Status400BadRequest, "malformed body",
                $"the body is not {{\"reason\": \"...\"}}: {e.Message}"));
        }
    }

    private static CommandBody TooLarge() =>
        new(null, ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "request body too large",
            $"a command's body may be at most {MaxBytes} bytes; send {{\"reason\": \"...\"}} with a reason of at most {CommandRequest.MaxReasonLength} characters"));

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}
