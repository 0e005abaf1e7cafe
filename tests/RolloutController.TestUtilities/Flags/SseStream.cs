using System.Text;
using System.Text.Json;

namespace RolloutController.TestUtilities.Flags;

/// <summary>
/// A Server-Sent Events reader following the WHATWG event-stream parsing rules (fields <c>id</c>, <c>event</c>,
/// <c>data</c>, <c>retry</c>; comment lines; an empty line dispatches), over an open response body.
/// </summary>
public sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>The last <c>retry:</c> value read, in milliseconds.</summary>
    public int? Retry { get; private set; }

    /// <summary>Comment lines read so far (keep-alives).</summary>
    public int Comments { get; private set; }

    /// <summary>Opens <paramref name="path"/> with <c>Accept: text/event-stream</c>; the caller checks the status.</summary>
    public static async Task<SseStream> OpenAsync(HttpClient client, string path, string? lastEventId = null,
        Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        configure?.Invoke(request);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return new SseStream(response, await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    /// <summary>The next dispatched event, or null when the stream ended.</summary>
    public async Task<SseEvent?> NextAsync(CancellationToken cancellationToken)
    {
        string? id = null, type = null;
        var data = new StringBuilder();
        var any = false;
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (!any) continue;
                return new SseEvent(id, type ?? "message", data.ToString());
            }
            if (line[0] == ':')
            {
                Comments++;
                continue;
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "id": id = value; any = true; break;
                case "event": type = value; any = true; break;
                case "data":
                    if (data.Length > 0) data.Append('\n');
                    data.Append(value);
                    any = true;
                    break;
                case "retry": Retry = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }
        return null;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>One dispatched Server-Sent Event.</summary>
public sealed record SseEvent(string? Id, string Type, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}
